"""The network of a page as CSV (one row per actor with every measure), GEXF and GraphML
(actors with their measures, ties with kind and dates)."""

import csv
import io
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from quartier.network.presentation import MEASURE_KEYS

ATTRIBUTES = ["name", "sector", "established", *MEASURE_KEYS]


def _value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def to_csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", *ATTRIBUTES])
    for row in rows:
        writer.writerow([row["id"], *(_value(row.get(a)) for a in ATTRIBUTES)])
    return out.getvalue()


def _type(attribute: str) -> str:
    if attribute in ("name", "sector"):
        return "string"
    if attribute == "established":
        return "boolean"
    if attribute in ("degree", "k_core", "community"):
        return "integer"
    return "double"


def to_gexf(rows: list[dict[str, Any]], ties: list[dict[str, Any]]) -> str:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<gexf xmlns="http://gexf.net/1.3" version="1.3">',
        '  <graph defaultedgetype="undirected" mode="static">',
        '    <attributes class="node">',
    ]
    attrs = ATTRIBUTES[1:]
    for i, attribute in enumerate(attrs):
        lines.append(f'      <attribute id="{i}" title="{attribute}" type="{_type(attribute)}"/>')
    lines += [
        "    </attributes>",
        '    <attributes class="edge">',
        '      <attribute id="0" title="kind" type="string"/>',
        '      <attribute id="1" title="status" type="string"/>',
        "    </attributes>",
        "    <nodes>",
    ]
    for row in rows:
        lines.append(
            f"      <node id={quoteattr(row['id'])} label={quoteattr(row.get('name', ''))}>"
        )
        lines.append("        <attvalues>")
        for i, attribute in enumerate(attrs):
            value = _value(row.get(attribute))
            if value != "":
                lines.append(f'          <attvalue for="{i}" value={quoteattr(value)}/>')
        lines += ["        </attvalues>", "      </node>"]
    lines.append("    </nodes>")
    lines.append("    <edges>")
    for tie in ties:
        extra = ""
        if tie.get("since"):
            extra += f' start="{tie["since"]}"'
        if tie.get("until"):
            extra += f' end="{tie["until"]}"'
        lines.append(
            f'      <edge id="{tie["id"]}" source={quoteattr(tie["source"])} '
            f"target={quoteattr(tie['target'])}{extra}>"
        )
        lines.append(
            f'        <attvalues><attvalue for="0" value={quoteattr(tie["kind"])}/>'
            f'<attvalue for="1" value={quoteattr(tie["status"])}/></attvalues>'
        )
        lines.append("      </edge>")
    lines += ["    </edges>", "  </graph>", "</gexf>", ""]
    return "\n".join(lines)


def to_graphml(rows: list[dict[str, Any]], ties: list[dict[str, Any]]) -> str:
    graphml_type = {"string": "string", "boolean": "boolean", "integer": "int", "double": "double"}
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    ]
    for attribute in ATTRIBUTES:
        lines.append(
            f'  <key id="{attribute}" for="node" attr.name="{attribute}" '
            f'attr.type="{graphml_type[_type(attribute)]}"/>'
        )
    for attribute in ("kind", "status", "since", "until"):
        lines.append(
            f'  <key id="e_{attribute}" for="edge" attr.name="{attribute}" attr.type="string"/>'
        )
    lines.append('  <graph id="netzwerk" edgedefault="undirected">')
    for row in rows:
        lines.append(f"    <node id={quoteattr(row['id'])}>")
        for attribute in ATTRIBUTES:
            value = _value(row.get(attribute))
            if value != "":
                lines.append(f'      <data key="{attribute}">{escape(value)}</data>')
        lines.append("    </node>")
    for tie in ties:
        lines.append(
            f'    <edge id="t{tie["id"]}" source={quoteattr(tie["source"])} '
            f"target={quoteattr(tie['target'])}>"
        )
        for attribute in ("kind", "status", "since", "until"):
            if tie.get(attribute):
                lines.append(f'      <data key="e_{attribute}">{escape(tie[attribute])}</data>')
        lines.append("    </edge>")
    lines += ["  </graph>", "</graphml>", ""]
    return "\n".join(lines)
