"""A noun label (a role, a budget's metric: a choice's display) inside a sentence of the page's
language: lower case in English, Dutch and French ("(owner)", "(propriétaire)"), as it is in German,
whose nouns keep their capital ("(Inhaber)", "Budgets (Stunden)"). Statuses and modes are
adjectives or verbs there too: those are lowered everywhere."""

from __future__ import annotations

from django.utils.translation import get_language


def in_sentence(label: str) -> str:
    if (get_language() or "en").split("-")[0] == "de":
        return str(label)
    return str(label).lower()
