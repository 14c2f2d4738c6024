"""`emissions`: each corridor's chain, well to wheel in its two parts, and the defaults used."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from corridors.analysis.emissions import HUB_NOTE, MISSING_HUB_NOTE, Chain
from corridors.network.model import Network, Parameter
from corridors.render.tables import plain


def _table(title: str) -> Table:
    return Table(title=Text(plain(title)), box=box.SIMPLE_HEAD, title_justify="left", title_style="bold")


def emissions_text(
    network: Network,
    origin: str,
    destination: str,
    chains: Sequence[Chain],
    defaults: Sequence[Parameter],
    hub_defaults: Sequence[Parameter] = (),
) -> list[RenderableType]:
    names = {n.id: n.name for n in network.nodes.values()}
    short = {c.id: c.short_name for c in network.corridors}
    table = _table(f"{names[origin]} → {names[destination]}: CO2e per FEU, ISO 14083 / GLEC (kg)")
    for column in ("Corridor", "Mode", "t-km", "TTW", "WTT", "WTW", "g/t-km WTW"):
        table.add_column(column, justify="left" if column in ("Corridor", "Mode") else "right")
    for chain in chains:
        for share in chain.modes:
            wtw = share.ttw_kg + share.wtt_kg
            intensity = f"{1000 * wtw / share.tonne_km:,.1f}" if share.tonne_km else ""
            table.add_row(
                Text(plain(short[chain.corridor])), share.mode, f"{share.tonne_km:,.0f}",
                f"{share.ttw_kg:,.0f}", f"{share.wtt_kg:,.0f}", f"{wtw:,.0f}", intensity,
            )  # fmt: skip
        if chain.hub_operations:
            hubs = f"{chain.hub_wtw_kg:,.0f}"
            table.add_row(Text(plain(short[chain.corridor])), "hubs", "", "", "", hubs, "")
        wtw = chain.wtw_kg
        table.add_row(
            Text(plain(short[chain.corridor]), style="bold"), f"all ({chain.hub_operations} hubs)",
            f"{chain.tonne_km:,.0f}", f"{chain.ttw_kg:,.0f}", f"{chain.wtt_kg:,.0f}", f"{wtw:,.0f}",
            f"{1000 * wtw / chain.tonne_km:,.1f}" if chain.tonne_km else "", end_section=True,
        )  # fmt: skip
    listed = _table("Default intensities (kg CO2e per t-km), labelled as GLEC asks")
    for column in ("Mode", "Part", "Value", "Basis", "Parameter", "Sources"):
        listed.add_column(column, justify="right" if column == "Value" else "left")
    for p in defaults:
        part = "TTW" if p.metric == "co2e_kg_per_t_km" else "WTT"
        listed.add_row(
            p.mode or "", part, f"{p.value:g}", p.basis, Text(plain(p.id)), Text(plain(", ".join(p.sources)))
        )
    note = MISSING_HUB_NOTE if any(c.hubs_missing for c in chains) else HUB_NOTE
    out: list[RenderableType] = [table, Text(plain(f"Hubs: {note}.")), Text(""), listed]
    if hub_defaults:
        hubs_listed = _table("Default hub intensities (kg CO2e per FEU handled, well to wheel)")
        for column in ("Event", "Value", "Basis", "Parameter", "Sources"):
            hubs_listed.add_column(
                column, justify="right" if column == "Value" else "left", no_wrap=column != "Sources"
            )
        for p in hub_defaults:
            hubs_listed.add_row(
                p.event or "", f"{p.value:g}", p.basis, Text(plain(p.id)), Text(plain(", ".join(p.sources)))
            )
        out += [Text(""), hubs_listed]
    return out
