#!/usr/bin/env python3
"""Township load for scripts/scale-test: unique cross-county verification requests at a fixed rate, spread over
the gateway nodes. A request whose node does not answer (killed, or failing over) is sent again, with the same
requestId, to the next node, as a township system would; what a node accepted (200/202) is written to --out as
`verificationId<TAB>requestId<TAB>node`. Prints one summary line."""
import argparse
import http.client
import json
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

BODY = """{"requestId": "%s", "appliedOn": "2026-09-01", "residenceTownship": "610113001",
 "applicant": {"idNumber": "610104199001011234", "name": "张三", "hukouDivision": "610104003", "hukouNature": "RURAL"},
 "residenceSince": "2026-01-15", "assistanceType": "DIBAO", "declarationOfNonReceipt": true,
 "emergency": null, "proofOfNonReceipt": null}"""


def post(target, request_id):
    host, port = target.split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        conn.request("POST", "/api/v1/verifications", body=(BODY % request_id).encode("utf-8"),
                     headers={"Content-Type": "application/json", "X-Client-Org": "610113001"})
        r = conn.getresponse()
        text = r.read().decode("utf-8", "replace")
        return r.status, text
    finally:
        conn.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--targets", required=True, help="host:port,host:port")
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("--rate", type=float, default=10.0)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    targets = args.targets.split(",")
    lock = threading.Lock()
    counts = {"sent": 0, "accepted": 0, "refused": 0, "retried": 0}
    out = open(args.out, "w", encoding="utf-8")
    run = uuid.uuid4().hex[:8]

    def one(n):
        request_id = "scale-%s-%06d" % (run, n)
        for attempt in range(len(targets) * 3):
            target = targets[(n + attempt) % len(targets)]
            try:
                status, text = post(target, request_id)
            except OSError:
                status, text = None, ""
            if status in (200, 202):
                vid = json.loads(text)["verificationId"]
                with lock:
                    counts["accepted"] += 1
                    out.write("%s\t%s\t%s\n" % (vid, request_id, target))
                    out.flush()
                return
            with lock:
                counts["retried"] += 1
            time.sleep(0.5)
        with lock:
            counts["refused"] += 1

    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=32) as pool:
        n = 0
        while time.monotonic() - start < args.seconds:
            due = start + n / args.rate
            now = time.monotonic()
            if due > now:
                time.sleep(due - now)
            pool.submit(one, n)
            with lock:
                counts["sent"] += 1
            n += 1
    out.close()
    print("LOAD sent=%(sent)d accepted=%(accepted)d refused=%(refused)d retried=%(retried)d" % counts, flush=True)


if __name__ == "__main__":
    main()
