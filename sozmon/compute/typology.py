"""The typology: two indices' classes crossed per area and year (Berlin MSS: status ×
dynamics = 12 types), with the attention flag of its rule. Pure."""

from __future__ import annotations

import pandas as pd

from ..definitions import TypologySpec

KEYS = ["sozialraum_id", "jahr"]


def typology(spec: TypologySpec, indices: pd.DataFrame) -> pd.DataFrame:
    """typologie_werte rows: every area and year of the first index; type and flag only
    where both classes are known."""

    def classes(index_id: str, name: str) -> pd.DataFrame:
        rows = indices[indices["index_id"] == index_id]
        return rows[KEYS].assign(**{name: rows["klasse"].astype("object")})

    both = classes(spec.first, "klasse_1").merge(classes(spec.second, "klasse_2"), on=KEYS, how="outer")
    known = both["klasse_1"].notna() & both["klasse_2"].notna()
    pairs = list(zip(both["klasse_1"], both["klasse_2"]))
    typ = [spec.type_label(a, b) if k else None for (a, b), k in zip(pairs, known)]
    flag = [spec.needs_attention(a, b) if k else None for (a, b), k in zip(pairs, known)]
    out = both.assign(
        typologie_id=spec.id,
        klasse_1=both["klasse_1"].astype("str").where(both["klasse_1"].notna()),
        klasse_2=both["klasse_2"].astype("str").where(both["klasse_2"].notna()),
        typ=pd.Series(typ, index=both.index, dtype="object"),
        aufmerksamkeit=pd.array(flag, dtype="boolean"),
    )
    return out.sort_values(KEYS, kind="stable").reset_index(drop=True)


def cross_table(rows: pd.DataFrame, first: tuple[str, ...], second: tuple[str, ...]) -> pd.DataFrame:
    """Counts of areas per class pair (rows: first index's classes, lowest first)."""
    known = rows.dropna(subset=["klasse_1", "klasse_2"])
    table = pd.crosstab(known["klasse_1"], known["klasse_2"])
    return table.reindex(index=list(first), columns=list(second), fill_value=0).astype(int)
