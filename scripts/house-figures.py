#!/usr/bin/env python3
"""The figures of the house (docs/architecture.md, "Before and after").

Run from the project root:  python3 scripts/house-figures.py
Reads only the sources; prints one figure per line, then the details behind each.

- package cycles: strongly connected groups of the gateway's feature packages (org.assistx.gateway.<name>,
  sub-packages counted with their parent, the root package with the application class left out -- the
  slices of ArchitectureTest), from imports and fully qualified names
- files with SQL: main Java files with a string literal or text block starting with a SQL statement,
  and how many of those are not repositories (class name not ending in "Repository")
- lines: non-blank lines of main Java, test Java and route YAML
- code literals: string literals in main Java that look like a stable code (UPPER_SNAKE with a "_")
- XML parser set-ups: main Java files calling DocumentBuilderFactory.newInstance
- @Scheduled pollers
- files naming a message type: a notice (EMERGENCY_AID_NOTICE) and a request/reply pair
  (PROOF_REQUEST / PROOF_RESULT) in main Java, routes and resources -- the files a new type of the same
  shape has to touch
"""
import os
import re
import sys
from collections import defaultdict

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
MAIN = os.path.join(ROOT, "src/main/java")
TEST = os.path.join(ROOT, "src/test/java")
BASE = "org.assistx.gateway"


def files(top, suffixes):
    for d, _, names in os.walk(top):
        for n in sorted(names):
            if n.endswith(suffixes):
                yield os.path.join(d, n)


def read(p):
    with open(p, encoding="utf-8") as f:
        return f.read()


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return re.sub(r"(?m)//.*$", "", text)


def package_of(text):
    m = re.search(r"^package\s+([\w.]+);", text, re.M)
    return m.group(1) if m else ""


def slice_of(pkg):
    """The feature package (first segment under the base), or None for the root package."""
    rest = pkg[len(BASE) + 1:] if pkg.startswith(BASE + ".") else None
    return rest.split(".")[0] if rest else None


def tarjan(graph):
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            out.append(sorted(group))

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def main():
    java = list(files(MAIN, (".java",)))
    texts = {p: read(p) for p in java}
    packages = {package_of(t) for t in texts.values()}

    graph = defaultdict(set)
    edges = defaultdict(set)
    for p, t in texts.items():
        pkg = package_of(t)
        here = slice_of(pkg)
        if here is None:
            continue
        graph[here]
        for ref in re.findall(r"\b(org\.assistx\.gateway(?:\.\w+)+)", strip_comments(t)):
            parts = ref.split(".")
            target = max((".".join(parts[:i]) for i in range(3, len(parts) + 1)
                          if ".".join(parts[:i]) in packages), key=len, default=None)
            there = slice_of(target) if target else None
            if there and there != here:
                graph[here].add(there)
                edges[(here, there)].add(os.path.basename(p))
    cycles = [g for g in tarjan(graph) if len(g) > 1]

    sql = re.compile(r'(?:"""\s*|")\s*(SELECT\s|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|MERGE\s+INTO)')
    sql_files = sorted(p for p, t in texts.items() if sql.search(strip_comments(t)))
    not_repo = [p for p in sql_files if not os.path.basename(p)[:-5].endswith("Repository")]
    sql_packages = {package_of(texts[p]) for p in sql_files}

    def lines(paths):
        return sum(1 for p in paths for line in read(p).splitlines() if line.strip())

    literal = re.compile(r'"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)"')
    code_literals = sum(len(literal.findall(strip_comments(t))) for t in texts.values())
    dbf = sorted(p for p, t in texts.items() if "DocumentBuilderFactory.newInstance" in t)
    scheduled = sum(len(re.findall(r"@Scheduled\b", strip_comments(t))) for t in texts.values())

    where = list(java) + list(files(os.path.join(ROOT, "routes"), (".yaml",))) \
        + list(files(os.path.join(ROOT, "src/main/resources"), (".yaml", ".yml", ".sql", ".js", ".html")))

    def naming(pattern):
        return sorted(os.path.relpath(p, ROOT) for p in where if re.search(pattern, read(p)))

    notice = naming(r"\bEMERGENCY_AID_NOTICE\b|\bEmergencyAidNotice\b")
    pair = naming(r"\bPROOF_RE(QUEST|SULT)\b")

    print(f"package cycles: {len(cycles)} (packages in cycles: {sum(len(c) for c in cycles)})")
    print(f"files with SQL: {len(sql_files)} in {len(sql_packages)} packages, {len(not_repo)} not repositories")
    print(f"lines: main java {lines(java)}, test java {lines(files(TEST, ('.java',)))}, "
          f"routes yaml {lines(files(os.path.join(ROOT, 'routes'), ('.yaml',)))}")
    print(f"code literals in main java: {code_literals}")
    print(f"XML parser set-ups: {len(dbf)}")
    print(f"@Scheduled pollers: {scheduled}")
    print(f"files naming a notice type: {len(notice)}; a request/reply type: {len(pair)}")
    if "-v" in sys.argv:
        for c in cycles:
            print("\ncycle:", " ".join(c))
            for a in c:
                for b in c:
                    if (a, b) in edges:
                        print(f"  {a} -> {b}: {', '.join(sorted(edges[(a, b)]))}")
        print("\nSQL:", *(os.path.relpath(p, ROOT) for p in sql_files), sep="\n  ")
        print("\nXML parser set-ups:", *(os.path.relpath(p, ROOT) for p in dbf), sep="\n  ")
        print("\nnotice type:", *notice, sep="\n  ")
        print("\nrequest/reply type:", *pair, sep="\n  ")


if __name__ == "__main__":
    main()
