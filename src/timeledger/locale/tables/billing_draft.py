"""The draft page's estimate and progress notes."""

T = {
    "Unused estimate of %(amount)s carried forward:": (
        "Nicht verbrauchte Schätzung von %(amount)s vorgetragen:",
        "Ongebruikte schatting van %(amount)s overgedragen:",
        "Reliquat d'estimation de %(amount)s reporté :",
    ),
    "credited on": ("gutgeschrieben auf", "gecrediteerd op", "crédité sur"),
    "waiting for the project's next invoice.": (
        "wartet auf die nächste Rechnung des Projekts.",
        "wacht op de volgende factuur van het project.",
        "en attente de la prochaine facture du projet.",
    ),
    "%(gap)s points apart (threshold %(threshold)s).": (
        "%(gap)s Punkte auseinander (Schwelle %(threshold)s).",
        "%(gap)s punten verschil (drempel %(threshold)s).",
        "%(gap)s points d'écart (seuil %(threshold)s).",
    ),
}
