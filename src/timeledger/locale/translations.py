"""The UI's translations for the screens issue 17 names (Today: header, navigation, timer, entry
form and lists), one row per English message: German, Dutch, French. `make messages` writes them
into the catalogues (locale/*/LC_MESSAGES/django.po) and compiles those."""

T = {
    "Password": ("Passwort", "Wachtwoord", "Mot de passe"),
    "Two-factor": ("Zwei-Faktor", "Tweestaps", "Double authentification"),
    "Sign out": ("Abmelden", "Afmelden", "Se déconnecter"),
    "Keyboard shortcuts": ("Tastenkürzel", "Sneltoetsen", "Raccourcis clavier"),
    "Start a timer (pick the project) or stop the running one": (
        "Timer starten (Projekt wählen) oder den laufenden stoppen",
        "Timer starten (kies het project) of de lopende stoppen",
        "Démarrer un chrono (choisir le projet) ou arrêter celui en cours",
    ),
    "Search projects and tasks in the timer": (
        "Projekte und Aufgaben im Timer suchen",
        "Projecten en taken zoeken in de timer",
        "Chercher projets et tâches dans le chrono",
    ),
    "New entry (the form's project picker)": (
        "Neuer Eintrag (Projektauswahl des Formulars)",
        "Nieuwe boeking (projectkeuze van het formulier)",
        "Nouvelle saisie (choix du projet du formulaire)",
    ),
    "Restart the most recent entry": (
        "Den letzten Eintrag neu starten",
        "De laatste boeking opnieuw starten",
        "Relancer la dernière saisie",
    ),
    "Today, Week, Grid": (
        "Heute, Woche, Raster",
        "Vandaag, Week, Raster",
        "Aujourd'hui, Semaine, Grille",
    ),
    "Move between grid cells; in a picker, move through the list": (
        "Zwischen Rasterzellen wechseln; in einer Auswahl durch die Liste gehen",
        "Tussen rastercellen bewegen; in een keuzelijst door de lijst gaan",
        "Passer d'une cellule à l'autre ; dans un sélecteur, parcourir la liste",
    ),
    "This list (<kbd>Esc</kbd> closes it)": (
        "Diese Liste (<kbd>Esc</kbd> schließt sie)",
        "Deze lijst (<kbd>Esc</kbd> sluit haar)",
        "Cette liste (<kbd>Échap</kbd> la ferme)",
    ),
    "Close": ("Schließen", "Sluiten", "Fermer"),
    "Today": ("Heute", "Vandaag", "Aujourd'hui"),
    "Week": ("Woche", "Week", "Semaine"),
    "Grid": ("Raster", "Raster", "Grille"),
    "Clients": ("Kunden", "Klanten", "Clients"),
    "Projects": ("Projekte", "Projecten", "Projets"),
    "Rates": ("Sätze", "Tarieven", "Tarifs"),
    "Billing": ("Abrechnung", "Facturatie", "Facturation"),
    "Invoices": ("Rechnungen", "Facturen", "Factures"),
    "Import": ("Import", "Import", "Import"),
    "Expenses": ("Ausgaben", "Onkosten", "Dépenses"),
    "Estimates": ("Angebote", "Offertes", "Devis"),
    "Reports": ("Berichte", "Rapporten", "Rapports"),
    "Approvals": ("Freigaben", "Goedkeuringen", "Validations"),
    "Weekly audit": ("Wochenprüfung", "Weekcontrole", "Contrôle hebdomadaire"),
    "Audit log": ("Prüfprotokoll", "Auditlog", "Journal d'audit"),
    "Members": ("Mitglieder", "Leden", "Membres"),
    "Settings": ("Einstellungen", "Instellingen", "Paramètres"),
    "Organisation": ("Organisation", "Organisatie", "Organisation"),
    "Switch": ("Wechseln", "Wisselen", "Changer"),
    "billable": ("abrechenbar", "declarabel", "facturable"),
    "No time logged.": ("Keine Zeit erfasst.", "Geen tijd geboekt.", "Aucun temps saisi."),
    "Total": ("Gesamt", "Totaal", "Total"),
    "Saved %(hours)s on %(code)s (%(day)s).": (
        "%(hours)s auf %(code)s gespeichert (%(day)s).",
        "%(hours)s op %(code)s opgeslagen (%(day)s).",
        "%(hours)s enregistré sur %(code)s (%(day)s).",
    ),
    "or": ("oder", "of", "ou"),
    "Save changes": ("Änderungen speichern", "Wijzigingen opslaan", "Enregistrer"),
    "Add entry": ("Eintrag hinzufügen", "Boeking toevoegen", "Ajouter la saisie"),
    "Cancel": ("Abbrechen", "Annuleren", "Annuler"),
    "now": ("jetzt", "nu", "maintenant"),
    "duration": ("Dauer", "duur", "durée"),
    "Rejected:": ("Abgelehnt:", "Afgewezen:", "Refusé :"),
    "non-billable": ("nicht abrechenbar", "niet declarabel", "non facturable"),
    "running": ("läuft", "loopt", "en cours"),
    "Rounded by the project's rounding rule": (
        "Nach der Rundungsregel des Projekts gerundet",
        "Afgerond volgens de afrondingsregel van het project",
        "Arrondi selon la règle d'arrondi du projet",
    ),
    "billed": ("abgerechnet", "gefactureerd", "facturé"),
    "Which rate applies, and why": (
        "Welcher Satz gilt, und warum",
        "Welk tarief geldt, en waarom",
        "Quel tarif s'applique, et pourquoi",
    ),
    "Rate": ("Satz", "Tarief", "Tarif"),
    "Edit": ("Bearbeiten", "Bewerken", "Modifier"),
    "Delete this entry?": (
        "Diesen Eintrag löschen?",
        "Deze boeking verwijderen?",
        "Supprimer cette saisie ?",
    ),
    "Delete": ("Löschen", "Verwijderen", "Supprimer"),
    "Start a timer on": ("Timer starten für", "Timer starten op", "Démarrer un chrono sur"),
    "Restart": ("Neu starten", "Opnieuw starten", "Relancer"),
    "Project / task": ("Projekt / Aufgabe", "Project / taak", "Projet / tâche"),
    "Description": ("Beschreibung", "Omschrijving", "Description"),
    "Running since": ("Läuft seit", "Loopt sinds", "En cours depuis"),
    "Stop": ("Stopp", "Stop", "Arrêter"),
    "Start": ("Start", "Start", "Démarrer"),
    "Days": ("Tage", "Dagen", "Jours"),
    "Prev": ("Zurück", "Vorige", "Préc."),
    "Next": ("Weiter", "Volgende", "Suiv."),
    "Add time": ("Zeit erfassen", "Tijd boeken", "Saisir du temps"),
    "You are looking at the time of <strong>%(shown_member)s</strong>.": (
        "Sie sehen die Zeit von <strong>%(shown_member)s</strong>.",
        "U bekijkt de tijd van <strong>%(shown_member)s</strong>.",
        "Vous regardez le temps de <strong>%(shown_member)s</strong>.",
    ),
    "Recent entries": ("Letzte Einträge", "Recente boekingen", "Saisies récentes"),
    "Default (from task)": (
        "Standard (aus der Aufgabe)",
        "Standaard (van de taak)",
        "Par défaut (de la tâche)",
    ),
    "Billable": ("Abrechenbar", "Declarabel", "Facturable"),
    "Not billable": ("Nicht abrechenbar", "Niet declarabel", "Non facturable"),
    "Project / task…": ("Projekt / Aufgabe…", "Project / taak…", "Projet / tâche…"),
    "Recent": ("Zuletzt", "Recent", "Récents"),
    "What are you working on?": (
        "Woran arbeiten Sie?",
        "Waar werkt u aan?",
        "Sur quoi travaillez-vous ?",
    ),
    "Date": ("Datum", "Datum", "Date"),
    "End": ("Ende", "Einde", "Fin"),
    "Duration": ("Dauer", "Duur", "Durée"),
}
LANGUAGES = ("de", "nl", "fr")


def fill(po_text: str, language: str) -> str:
    """The catalogue with every msgstr of a known msgid filled in (single-line entries)."""
    column = LANGUAGES.index(language)
    out, msgid = [], None
    for line in po_text.splitlines():
        if line == "#, fuzzy" and msgid is None:  # makemessages' header of a new catalogue
            continue
        if line.startswith('msgid "'):
            msgid = line[7:-1].encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
        elif line == 'msgstr ""' and msgid in T:
            text = T[msgid][column].replace("\\", "\\\\").replace('"', '\\"')
            line = f'msgstr "{text}"'
        out.append(line)
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    import sys
    from pathlib import Path

    root = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent)
    for language in LANGUAGES:
        po = root / language / "LC_MESSAGES" / "django.po"
        po.write_text(fill(po.read_text(encoding="utf-8"), language), encoding="utf-8")
