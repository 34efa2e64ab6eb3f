#!/usr/bin/env python3
"""Writes a standalone Artemis instance's etc/broker.xml for scripts/scale-test from the files the gateway
ships: the instance's own name, journal directories and acceptor, then every child of <core> in
docs/deploy/broker.xml (address settings, queues, security roles) and, for a pair, in
docs/deploy/broker-pair/<role>.xml (connectors, ha-policy, cluster connection), unchanged: their ${...} values
are left to Artemis, which fills them from the broker's system properties.

usage: broker-xml.py <name> <role: primary|backup|single> <data dir> <port> <out file>"""
import sys
import xml.etree.ElementTree as ET

CORE = "urn:activemq:core"
ET.register_namespace("", CORE)


def core_children(path):
    root = ET.parse(path).getroot()
    return list(root)


def main():
    name, role, data, port, out = sys.argv[1:6]
    core = ET.Element("{%s}core" % CORE)

    def add(tag, text):
        e = ET.SubElement(core, "{%s}%s" % (CORE, tag))
        e.text = text

    add("name", name)
    add("persistence-enabled", "true")
    add("journal-type", "NIO")
    add("paging-directory", data + "/paging")
    add("bindings-directory", data + "/bindings")
    add("journal-directory", data + "/journal")
    add("large-messages-directory", data + "/large-messages")
    add("security-enabled", "true")
    acceptors = ET.SubElement(core, "{%s}acceptors" % CORE)
    acceptor = ET.SubElement(acceptors, "{%s}acceptor" % CORE, name="artemis")
    acceptor.text = "tcp://127.0.0.1:%s?protocols=CORE" % port
    core.extend(core_children("docs/deploy/broker.xml"))
    if role != "single":
        core.extend(core_children("docs/deploy/broker-pair/%s.xml" % role))
    with open(out, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<configuration xmlns="urn:activemq">\n')
        f.write(ET.tostring(core, encoding="unicode"))
        f.write("\n</configuration>\n")


if __name__ == "__main__":
    main()
