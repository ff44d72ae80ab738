"""The UI's translations for the screens issue 17 names (Today: header, navigation, timer, entry
form and lists), one row per English message: German, Dutch, French. `make messages` writes them
into the catalogues (locale/*/LC_MESSAGES/django.po, and djangojs.po for app.js) and compiles
those.

Areas keep their rows in ``tables/<area>.py`` (a dict ``T`` each), so that work on separate screens
never edits the same file."""

import runpy
from pathlib import Path

T = {
    # Reports (titles, filters, columns, chart axes, the pipeline's sources).
    "Team week": ("Teamwoche", "Teamweek", "Semaine de l'équipe"),
    "Work in progress": ("Unfertige Leistungen", "Onderhanden werk", "Travaux en cours"),
    "Estimate vs actual": ("Schätzung und Ist", "Schatting versus werkelijk", "Estimation et réel"),
    "Invoices & receivables": (
        "Rechnungen & Forderungen",
        "Facturen & debiteuren",
        "Factures et créances",
    ),
    "Dashboard": ("Übersicht", "Overzicht", "Tableau de bord"),
    "Hours by client, project, task, member or day.": (
        "Stunden nach Kunde, Projekt, Aufgabe, Mitarbeiter oder Tag.",
        "Uren per klant, project, taak, medewerker of dag.",
        "Heures par client, projet, tâche, collaborateur ou jour.",
    ),
    "Members × days against working hours; missing days; approval state.": (
        "Mitarbeiter × Tage gegen Arbeitszeit; fehlende Tage; Freigabestatus.",
        "Medewerkers × dagen tegenover werkuren; ontbrekende dagen; goedkeuringsstatus.",
        "Collaborateurs × jours face aux heures de travail ; jours manquants ; état de validation.",
    ),
    "Hours and money against budget.": (
        "Stunden und Beträge gegen das Budget.",
        "Uren en bedragen tegenover het budget.",
        "Heures et montants face au budget.",
    ),
    "Revenue against internal cost; margin; effective rate.": (
        "Umsatz gegen interne Kosten; Marge; effektiver Stundensatz.",
        "Omzet tegenover interne kosten; marge; effectief uurtarief.",
        "Chiffre d'affaires face aux coûts internes ; marge ; taux horaire effectif.",
    ),
    "Billable hours ÷ capacity, against a target.": (
        "Abrechenbare Stunden ÷ Kapazität, gegen ein Ziel.",
        "Declarabele uren ÷ capaciteit, tegenover een doel.",
        "Heures facturables ÷ capacité, face à un objectif.",
    ),
    "Unbilled, per billing model, aged.": (
        "Nicht abgerechnet, nach Abrechnungsmodell und Alter.",
        "Niet gefactureerd, per factureringsmodel en ouderdom.",
        "Non facturé, par mode de facturation et ancienneté.",
    ),
    "What will be billed in the next 4, 8 and 12 weeks.": (
        "Was in den nächsten 4, 8 und 12 Wochen abgerechnet wird.",
        "Wat in de komende 4, 8 en 12 weken gefactureerd wordt.",
        "Ce qui sera facturé dans les 4, 8 et 12 prochaines semaines.",
    ),
    "Actual ÷ estimate per project type: the factor for the next quote.": (
        "Ist ÷ Schätzung je Projektart: der Faktor für das nächste Angebot.",
        "Werkelijk ÷ schatting per projecttype: de factor voor de volgende offerte.",
        "Réel ÷ estimation par type de projet : le facteur pour le prochain devis.",
    ),
    "Invoiced, paid, outstanding; aging; DSO.": (
        "Abgerechnet, bezahlt, offen; Altersstruktur; DSO.",
        "Gefactureerd, betaald, openstaand; ouderdom; DSO.",
        "Facturé, payé, en attente ; ancienneté ; DSO.",
    ),
    "Hours used": ("Verbrauchte Stunden", "Bestede uren", "Heures consommées"),
    "Hours %": ("Stunden %", "Uren %", "Heures %"),
    "Billable hours": ("Abrechenbare Stunden", "Declarabele uren", "Heures facturables"),
    "Unbilled value": (
        "Nicht abgerechneter Wert",
        "Niet-gefactureerde waarde",
        "Valeur non facturée",
    ),
    "Invoices waiting for review": (
        "Rechnungen zur Prüfung",
        "Facturen die op controle wachten",
        "Factures en attente de vérification",
    ),
    "Project type": ("Projektart", "Projecttype", "Type de projet"),
    "Estimate": ("Schätzung", "Schatting", "Estimation"),
    "Actual ÷ estimate": ("Ist ÷ Schätzung", "Werkelijk ÷ schatting", "Réel ÷ estimation"),
    "Billable and non-billable": (
        "Abrechenbar und nicht abrechenbar",
        "Declarabel en niet-declarabel",
        "Facturable et non facturable",
    ),
    "Retainer fee": ("Pauschalhonorar", "Retainer-vergoeding", "Forfait d'abonnement"),
    "Recurring": ("Wiederkehrend", "Terugkerend", "Récurrent"),
    "%(weeks)s weeks": ("%(weeks)s Wochen", "%(weeks)s weken", "%(weeks)s semaines"),
    "next %(weeks)s weeks": (
        "nächste %(weeks)s Wochen",
        "komende %(weeks)s weken",
        "%(weeks)s prochaines semaines",
    ),
    "Net amount": ("Nettobetrag", "Nettobedrag", "Montant HT"),
    "Billing pipeline": (
        "Abrechnungsvorschau",
        "Factureringsprognose",
        "Prévisions de facturation",
    ),
    "In drafts": ("In Entwürfen", "In concepten", "En brouillon"),
    "Time cost": ("Zeitkosten", "Tijdkosten", "Coût du temps"),
    "Expense cost": ("Auslagenkosten", "Onkosten", "Coût des dépenses"),
    "Effective rate": ("Effektiver Stundensatz", "Effectief uurtarief", "Taux horaire effectif"),
    "Working hours": ("Arbeitsstunden", "Werkuren", "Heures de travail"),
    "Non-billable": ("Nicht abrechenbar", "Niet-declarabel", "Non facturable"),
    "Billable, rounded": ("Abrechenbar, gerundet", "Declarabel, afgerond", "Facturable, arrondi"),
    "Billable amount": ("Abrechenbarer Betrag", "Declarabel bedrag", "Montant facturable"),
    "Expenses billable": ("Abrechenbare Auslagen", "Declarabele onkosten", "Dépenses facturables"),
    "Utilisation": ("Auslastung", "Bezetting", "Taux d'occupation"),
    "Billing model": ("Abrechnungsmodell", "Factureringsmodel", "Mode de facturation"),
    "Unbilled hours": (
        "Nicht abgerechnete Stunden",
        "Niet-gefactureerde uren",
        "Heures non facturées",
    ),
    "Group by": ("Gruppieren nach", "Groeperen op", "Regrouper par"),
    "Reset": ("Zurücksetzen", "Herstellen", "Réinitialiser"),
    "entries": ("Einträge", "boekingen", "saisies"),
    "Nothing in this range.": (
        "Nichts in diesem Zeitraum.",
        "Niets in deze periode.",
        "Rien sur cette période.",
    ),
    "Budget hours": ("Budgetstunden", "Budgeturen", "Heures budgétées"),
    "Money used": ("Verbrauchter Betrag", "Besteed bedrag", "Montant consommé"),
    "Budget": ("Budget", "Budget", "Budget"),
    "Money %": ("Betrag %", "Bedrag %", "Montant %"),
    "Burn h/week": ("Verbrauch h/Woche", "Verbruik u/week", "Consommation h/semaine"),
    "Complete %": ("Erledigt %", "Gereed %", "Réalisé %"),
    "Hours used %": ("Verbrauchte Stunden %", "Verbruikte uren %", "Heures consommées %"),
    "Median (factor)": ("Median (Faktor)", "Mediaan (factor)", "Médiane (facteur)"),
    "Sent touchless this month %": (
        "Diesen Monat ohne Eingriff versandt %",
        "Deze maand zonder handwerk verstuurd %",
        "Envoyées sans intervention ce mois-ci %",
    ),
    "(oldest %(days)s d)": (
        "(älteste %(days)s T.)",
        "(oudste %(days)s d.)",
        "(la plus ancienne %(days)s j)",
    ),
    "%(days)s d": ("%(days)s T.", "%(days)s d.", "%(days)s j"),
    "Budget runs out": ("Budget aufgebraucht am", "Budget op op", "Budget épuisé le"),
    "EAC hours": ("Stunden bei Fertigstellung", "Uren bij oplevering", "Heures à l'achèvement"),
    "EAC cost": ("Kosten bei Fertigstellung", "Kosten bij oplevering", "Coût à l'achèvement"),
    "Budget burn": ("Budgetverbrauch", "Budgetverbruik", "Consommation du budget"),
    "Outstanding": ("Offen", "Openstaand", "En attente de paiement"),
    "Figure": ("Kennzahl", "Kengetal", "Indicateur"),
    "Value": ("Wert", "Waarde", "Valeur"),
    "Days period end → sent, median": (
        "Tage Periodenende → versendet, Median",
        "Dagen periode-einde → verstuurd, mediaan",
        "Jours fin de période → envoi, médiane",
    ),
    "Days period end → sent, 90th percentile": (
        "Tage Periodenende → versendet, 90. Perzentil",
        "Dagen periode-einde → verstuurd, 90e percentiel",
        "Jours fin de période → envoi, 90e centile",
    ),
    "Level": ("Ebene", "Niveau", "Niveau"),
    "Phase": ("Phase", "Fase", "Phase"),
    "Actual": ("Ist", "Werkelijk", "Réel"),
    "Lowest": ("Niedrigster", "Laagste", "Minimum"),
    "Median": ("Median", "Mediaan", "Médiane"),
    "Highest": ("Höchster", "Hoogste", "Maximum"),
    "Factor for next quote": (
        "Faktor für das nächste Angebot",
        "Factor voor de volgende offerte",
        "Facteur pour le prochain devis",
    ),
    "Estimate vs actual by project type": (
        "Schätzung und Ist nach Projektart",
        "Schatting versus werkelijk per projecttype",
        "Estimation et réel par type de projet",
    ),
    "From": ("Von", "Van", "Du"),
    "Team": ("Team", "Team", "Équipe"),
    "The team of a project.": (
        "Das Team eines Projekts.",
        "Het team van een project.",
        "L'équipe d'un projet.",
    ),
    "Next billing run": (
        "Nächster Abrechnungslauf",
        "Volgende factureringsrun",
        "Prochaine facturation",
    ),
    "dry run": ("Probelauf", "proefrun", "simulation"),
    "Instalment": ("Teilzahlung", "Termijn", "Échéance"),
    "Milestone": ("Meilenstein", "Mijlpaal", "Jalon"),
    "period from %(start)s": (
        "Zeitraum ab %(start)s",
        "periode vanaf %(start)s",
        "période à partir du %(start)s",
    ),
    "Source": ("Quelle", "Bron", "Source"),
    "What": ("Was", "Wat", "Quoi"),
    "Within": ("Innerhalb", "Binnen", "Dans les"),
    "WIP": ("Unfertige Leistungen", "Onderhanden werk", "Travaux en cours"),
    "Revenue": ("Umsatz", "Omzet", "Chiffre d'affaires"),
    "Cost": ("Kosten", "Kosten", "Coût"),
    "Margin": ("Marge", "Marge", "Marge"),
    "Margin %": ("Marge %", "Marge %", "Marge %"),
    "Profitability": ("Rentabilität", "Winstgevendheid", "Rentabilité"),
    "Month": ("Monat", "Maand", "Mois"),
    "Invoices and receivables": (
        "Rechnungen und Forderungen",
        "Facturen en debiteuren",
        "Factures et créances",
    ),
    "Missing days": ("Fehlende Tage", "Ontbrekende dagen", "Jours manquants"),
    "Capacity": ("Kapazität", "Capaciteit", "Capacité"),
    "Utilisation %": ("Auslastung %", "Bezetting %", "Taux d'occupation %"),
    "Target %": ("Ziel %", "Doel %", "Objectif %"),
    "%(bucket)s days": ("%(bucket)s Tage", "%(bucket)s dagen", "%(bucket)s jours"),
    "Work in progress (unbilled)": (
        "Unfertige Leistungen (nicht abgerechnet)",
        "Onderhanden werk (niet gefactureerd)",
        "Travaux en cours (non facturés)",
    ),
    "No chart for your role.": (
        "Für Ihre Rolle gibt es kein Diagramm.",
        "Voor uw rol is er geen grafiek.",
        "Pas de graphique pour votre rôle.",
    ),
    "Details": ("Details", "Details", "Détails"),
    "open": ("öffnen", "openen", "ouvrir"),
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
    # The invoice document (invoicing/templates/invoicing/invoice.html, invoicing/rendering.py)
    "VOID": ("STORNIERT", "GEANNULEERD", "ANNULÉE"),
    "DRAFT": ("ENTWURF", "CONCEPT", "BROUILLON"),
    "VAT": ("USt.", "btw", "TVA"),
    "Reg.": ("HRB", "KvK", "RCS"),
    "Number": ("Nummer", "Nummer", "Numéro"),
    "Due date": ("Fällig am", "Vervaldatum", "Échéance"),
    "Terms": ("Zahlungsziel", "Betalingstermijn", "Conditions"),
    "Period": ("Zeitraum", "Periode", "Période"),
    "Project": ("Projekt", "Project", "Projet"),
    "Credits": ("Gutschrift zu", "Crediteert", "Avoir sur"),
    "%(number)s of %(date)s": (
        "%(number)s vom %(date)s",
        "%(number)s van %(date)s",
        "%(number)s du %(date)s",
    ),
    "Bill to": ("Rechnungsempfänger", "Factuur aan", "Facturé à"),
    "Attn.": ("z. Hd.", "T.a.v.", "À l'attention de"),
    "Qty": ("Menge", "Aantal", "Qté"),
    "Unit": ("Einheit", "Eenheid", "Unité"),
    "Price": ("Preis", "Prijs", "Prix"),
    "Amount": ("Betrag", "Bedrag", "Montant"),
    "Taxable": ("Bemessungsgrundlage", "Grondslag", "Base HT"),
    "Net total": ("Nettobetrag", "Totaal excl. btw", "Total HT"),
    "Net": ("Netto", "Netto", "HT"),
    "Invoiced earlier for this project": (
        "Bisher für dieses Projekt berechnet",
        "Eerder gefactureerd voor dit project",
        "Déjà facturé pour ce projet",
    ),
    "Timesheet": ("Stundennachweis", "Urenstaat", "Relevé de temps"),
    "Member": ("Mitarbeiter", "Medewerker", "Collaborateur"),
    "Task": ("Aufgabe", "Taak", "Tâche"),
    "Line %(position)s": ("Position %(position)s", "Regel %(position)s", "Ligne %(position)s"),
    "Line %(position)s total": (
        "Summe Position %(position)s",
        "Totaal regel %(position)s",
        "Total ligne %(position)s",
    ),
    "Voided:": ("Storniert:", "Geannuleerd:", "Annulée :"),
    "EPC payment QR code": (
        "EPC-Zahlungs-QR-Code",
        "EPC-betaal-QR-code",
        "QR code de paiement EPC",
    ),
    "Scan to pay": ("Zum Bezahlen scannen", "Scan om te betalen", "Scanner pour payer"),
    "Payment": ("Zahlung", "Betaling", "Paiement"),
    "Please transfer %(amount)s by %(date)s to": (
        "Bitte überweisen Sie %(amount)s bis zum %(date)s auf",
        "Gelieve %(amount)s vóór %(date)s over te maken op",
        "Merci de virer %(amount)s avant le %(date)s sur",
    ),
    "Please transfer %(amount)s to": (
        "Bitte überweisen Sie %(amount)s auf",
        "Gelieve %(amount)s over te maken op",
        "Merci de virer %(amount)s sur",
    ),
    "quoting": ("mit dem Verwendungszweck", "onder vermelding van", "en indiquant"),
    "Invoice": ("Rechnung", "Factuur", "Facture"),
    "Draft invoice": ("Rechnungsentwurf", "Conceptfactuur", "Projet de facture"),
    "Proforma": ("Proformarechnung", "Proformafactuur", "Facture proforma"),
    "Recurring invoice": ("Wiederkehrende Rechnung", "Periodieke factuur", "Facture récurrente"),
    "Final invoice": ("Schlussrechnung", "Eindfactuur", "Facture finale"),
    "Credit note": ("Gutschrift", "Creditnota", "Avoir"),
    "hrs (decimal)": ("Std. (dezimal)", "uur (decimaal)", "h (décimales)"),
    "Hours are decimal hours: 1.50 hrs = 1 hour 30 minutes.": (
        "Stunden sind Dezimalstunden: 1,50 Std. = 1 Stunde 30 Minuten.",
        "Uren zijn decimale uren: 1,50 uur = 1 uur 30 minuten.",
        "Les heures sont décimales : 1,50 h = 1 heure 30 minutes.",
    ),
    "Net %(days)s days": ("Netto %(days)s Tage", "Netto %(days)s dagen", "Net à %(days)s jours"),
    "Due on receipt": ("Zahlbar sofort", "Direct opeisbaar", "Payable à réception"),
    # Week, Grid, Approvals and the draft page (issue 17)
    "Submit week for approval": (
        "Woche zur Freigabe einreichen",
        "Week ter goedkeuring indienen",
        "Soumettre la semaine pour validation",
    ),
    "Submitted %(counter)s entry of the week of %(day)s for approval.": (
        (
            "%(counter)s Eintrag der Woche vom %(day)s zur Freigabe eingereicht.",
            "%(counter)s Einträge der Woche vom %(day)s zur Freigabe eingereicht.",
        ),
        (
            "%(counter)s boeking van de week van %(day)s ter goedkeuring ingediend.",
            "%(counter)s boekingen van de week van %(day)s ter goedkeuring ingediend.",
        ),
        (
            "%(counter)s saisie de la semaine du %(day)s soumise pour validation.",
            "%(counter)s saisies de la semaine du %(day)s soumises pour validation.",
        ),
    ),
    "locked up to %(date)s": (
        "gesperrt bis %(date)s",
        "vergrendeld tot en met %(date)s",
        "verrouillé jusqu'au %(date)s",
    ),
    "Next to review:": (
        "Als Nächstes prüfen:",
        "Volgende om te beoordelen:",
        "À valider ensuite :",
    ),
    "%(member)s, week %(week)s (%(counter)s entry)": (
        (
            "%(member)s, Woche %(week)s (%(counter)s Eintrag)",
            "%(member)s, Woche %(week)s (%(counter)s Einträge)",
        ),
        (
            "%(member)s, week %(week)s (%(counter)s boeking)",
            "%(member)s, week %(week)s (%(counter)s boekingen)",
        ),
        (
            "%(member)s, semaine %(week)s (%(counter)s saisie)",
            "%(member)s, semaine %(week)s (%(counter)s saisies)",
        ),
    ),
    "Nothing else is waiting for you.": (
        "Sonst wartet nichts auf Sie.",
        "Er wacht verder niets op u.",
        "Rien d'autre ne vous attend.",
    ),
    "This is your own week: you cannot approve or reject your own time.": (
        "Das ist Ihre eigene Woche: Ihre eigene Zeit können Sie weder freigeben noch ablehnen.",
        "Dit is uw eigen week: uw eigen tijd kunt u niet goedkeuren of afwijzen.",
        "C'est votre propre semaine : vous ne pouvez ni valider ni refuser votre propre temps.",
    ),
    "Another manager or an admin approves it once you submit it; its status is shown at each entry.": (
        "Ein anderer Manager oder ein Admin gibt sie frei, sobald Sie sie einreichen; der Status steht bei jedem Eintrag.",
        "Een andere manager of een beheerder keurt haar goed zodra u haar indient; de status staat bij elke boeking.",
        "Un autre manager ou un administrateur la valide dès que vous la soumettez ; son statut figure à chaque saisie.",
    ),
    "A manager approves it once you submit it; its status is shown at each entry.": (
        "Ein Manager gibt sie frei, sobald Sie sie einreichen; der Status steht bei jedem Eintrag.",
        "Een manager keurt haar goed zodra u haar indient; de status staat bij elke boeking.",
        "Un manager la valide dès que vous la soumettez ; son statut figure à chaque saisie.",
    ),
    "lead": ("Leitung", "leider", "responsable"),
    "Approve the %(counter)s submitted entry of %(code)s in %(owner)s's week?": (
        (
            "Den %(counter)s eingereichten Eintrag von %(code)s in der Woche von %(owner)s freigeben?",
            "Alle %(counter)s eingereichten Einträge von %(code)s in der Woche von %(owner)s freigeben?",
        ),
        (
            "De %(counter)s ingediende boeking van %(code)s in de week van %(owner)s goedkeuren?",
            "Alle %(counter)s ingediende boekingen van %(code)s in de week van %(owner)s goedkeuren?",
        ),
        (
            "Valider la %(counter)s saisie soumise de %(code)s dans la semaine de %(owner)s ?",
            "Valider les %(counter)s saisies soumises de %(code)s dans la semaine de %(owner)s ?",
        ),
    ),
    "Approve all of %(code)s": (
        "Alles von %(code)s freigeben",
        "Alles van %(code)s goedkeuren",
        "Tout valider pour %(code)s",
    ),
    "Hours": ("Stunden", "Uren", "Heures"),
    "Status": ("Status", "Status", "Statut"),
    "Select": ("Auswählen", "Selecteren", "Sélectionner"),
    "Note:": ("Notiz:", "Notitie:", "Note :"),
    "yes": ("ja", "ja", "oui"),
    "no": ("nein", "nee", "non"),
    "No time logged this week.": (
        "Diese Woche keine Zeit erfasst.",
        "Deze week geen tijd geboekt.",
        "Aucun temps saisi cette semaine.",
    ),
    "Decide": ("Entscheiden", "Beslissen", "Décider"),
    "The ticked entries": (
        "Die angehakten Einträge",
        "De aangevinkte boekingen",
        "Les saisies cochées",
    ),
    "Approve selected": ("Auswahl freigeben", "Selectie goedkeuren", "Valider la sélection"),
    "Reject {n} ticked entr{ies} of %(owner)s?": (
        "{n} angehakte Einträge von %(owner)s ablehnen?",
        "{n} aangevinkte boeking(en) van %(owner)s afwijzen?",
        "Refuser {n} saisie(s) cochée(s) de %(owner)s ?",
    ),
    "Reject selected (give a reason)": (
        "Auswahl ablehnen (mit Begründung)",
        "Selectie afwijzen (met reden)",
        "Refuser la sélection (avec un motif)",
    ),
    "Undo approval of selected (give a reason)": (
        "Freigabe der Auswahl zurücknehmen (mit Begründung)",
        "Goedkeuring van de selectie terugdraaien (met reden)",
        "Annuler la validation de la sélection (avec un motif)",
    ),
    "The whole week": ("Die ganze Woche", "De hele week", "Toute la semaine"),
    "Approve the %(counter)s submitted entry of %(owner)s's week %(week)s?": (
        (
            "Den %(counter)s eingereichten Eintrag der Woche %(week)s von %(owner)s freigeben?",
            "Alle %(counter)s eingereichten Einträge der Woche %(week)s von %(owner)s freigeben?",
        ),
        (
            "De %(counter)s ingediende boeking van week %(week)s van %(owner)s goedkeuren?",
            "Alle %(counter)s ingediende boekingen van week %(week)s van %(owner)s goedkeuren?",
        ),
        (
            "Valider la %(counter)s saisie soumise de la semaine %(week)s de %(owner)s ?",
            "Valider les %(counter)s saisies soumises de la semaine %(week)s de %(owner)s ?",
        ),
    ),
    "Approve the %(counter)s submitted entry of %(member)s's week %(week)s?": (
        (
            "Den %(counter)s eingereichten Eintrag der Woche %(week)s von %(member)s freigeben?",
            "Alle %(counter)s eingereichten Einträge der Woche %(week)s von %(member)s freigeben?",
        ),
        (
            "De %(counter)s ingediende boeking van week %(week)s van %(member)s goedkeuren?",
            "Alle %(counter)s ingediende boekingen van week %(week)s van %(member)s goedkeuren?",
        ),
        (
            "Valider la %(counter)s saisie soumise de la semaine %(week)s de %(member)s ?",
            "Valider les %(counter)s saisies soumises de la semaine %(week)s de %(member)s ?",
        ),
    ),
    "Approve whole week": (
        "Ganze Woche freigeben",
        "Hele week goedkeuren",
        "Valider toute la semaine",
    ),
    "Reject the %(counter)s submitted entry of %(owner)s's week %(week)s?": (
        (
            "Den %(counter)s eingereichten Eintrag der Woche %(week)s von %(owner)s ablehnen?",
            "Alle %(counter)s eingereichten Einträge der Woche %(week)s von %(owner)s ablehnen?",
        ),
        (
            "De %(counter)s ingediende boeking van week %(week)s van %(owner)s afwijzen?",
            "Alle %(counter)s ingediende boekingen van week %(week)s van %(owner)s afwijzen?",
        ),
        (
            "Refuser la %(counter)s saisie soumise de la semaine %(week)s de %(owner)s ?",
            "Refuser les %(counter)s saisies soumises de la semaine %(week)s de %(owner)s ?",
        ),
    ),
    "Reject whole week": ("Ganze Woche ablehnen", "Hele week afwijzen", "Refuser toute la semaine"),
    "Undo the approval of %(counter)s entry of %(owner)s's week?": (
        (
            "Freigabe von %(counter)s Eintrag der Woche von %(owner)s zurücknehmen?",
            "Freigabe von %(counter)s Einträgen der Woche von %(owner)s zurücknehmen?",
        ),
        (
            "Goedkeuring van %(counter)s boeking van de week van %(owner)s terugdraaien?",
            "Goedkeuring van %(counter)s boekingen van de week van %(owner)s terugdraaien?",
        ),
        (
            "Annuler la validation de %(counter)s saisie de la semaine de %(owner)s ?",
            "Annuler la validation de %(counter)s saisies de la semaine de %(owner)s ?",
        ),
    ),
    "Undo approval of whole week": (
        "Freigabe der ganzen Woche zurücknehmen",
        "Goedkeuring van de hele week terugdraaien",
        "Annuler la validation de toute la semaine",
    ),
    "Lock date": ("Sperrdatum", "Vergrendeldatum", "Date de verrouillage"),
    "Waiting for you": ("Wartet auf Sie", "Wacht op u", "En attente de vous"),
    "Entries": ("Einträge", "Boekingen", "Saisies"),
    "Your own week: another manager or an admin approves it.": (
        "Ihre eigene Woche: ein anderer Manager oder ein Admin gibt sie frei.",
        "Uw eigen week: een andere manager of een beheerder keurt haar goed.",
        "Votre propre semaine : un autre manager ou un administrateur la valide.",
    ),
    "Your own week: a manager approves it.": (
        "Ihre eigene Woche: ein Manager gibt sie frei.",
        "Uw eigen week: een manager keurt haar goed.",
        "Votre propre semaine : un manager la valide.",
    ),
    "See it": ("Ansehen", "Bekijken", "Voir"),
    "Review": ("Prüfen", "Beoordelen", "Examiner"),
    "Approve week": ("Woche freigeben", "Week goedkeuren", "Valider la semaine"),
    "Nothing is waiting for approval.": (
        "Nichts wartet auf Freigabe.",
        "Er wacht niets op goedkeuring.",
        "Rien n'attend de validation.",
    ),
    "Approved, not yet invoiced": (
        "Freigegeben, noch nicht abgerechnet",
        "Goedgekeurd, nog niet gefactureerd",
        "Validé, pas encore facturé",
    ),
    "A manager can undo an approval with a reason until the entries are invoiced.": (
        "Ein Manager kann eine Freigabe mit Begründung zurücknehmen, bis die Einträge abgerechnet sind.",
        "Een manager kan een goedkeuring met een reden terugdraaien tot de boekingen gefactureerd zijn.",
        "Un manager peut annuler une validation avec un motif tant que les saisies ne sont pas facturées.",
    ),
    "Open": ("Öffnen", "Openen", "Ouvrir"),
    "Week of %(day)s": ("Woche vom %(day)s", "Week van %(day)s", "Semaine du %(day)s"),
    "Breadcrumbs": ("Brotkrumen", "Kruimelpad", "Fil d'Ariane"),
    "week": ("Woche", "week", "semaine"),
    "Weeks": ("Wochen", "Weken", "Semaines"),
    "On hold.": ("Angehalten.", "Aangehouden.", "En attente."),
    "Why it may go ahead": (
        "Warum er weitergehen darf",
        "Waarom hij door mag",
        "Pourquoi il peut continuer",
    ),
    "Release hold": ("Freigeben", "Vrijgeven", "Lever l'attente"),
    "A manager must release it.": (
        "Ein Manager muss ihn freigeben.",
        "Een manager moet hem vrijgeven.",
        "Un manager doit le libérer.",
    ),
    "approved by": ("freigegeben von", "goedgekeurd door", "validé par"),
    "Line": ("Position", "Regel", "Ligne"),
    "Carried forward from": ("Übertragen von", "Overgedragen van", "Reporté de"),
    "%(counter)s entry": (
        ("%(counter)s Eintrag", "%(counter)s Einträge"),
        ("%(counter)s boeking", "%(counter)s boekingen"),
        ("%(counter)s saisie", "%(counter)s saisies"),
    ),
    "Back to unbilled": (
        "Zurück zu nicht abgerechnet",
        "Terug naar ongefactureerd",
        "Retour au non facturé",
    ),
    "Remove": ("Entfernen", "Verwijderen", "Retirer"),
    "Note / remove line": (
        "Notiz / Position entfernen",
        "Notitie / regel verwijderen",
        "Note / retirer la ligne",
    ),
    "Line note": ("Positionsnotiz", "Regelnotitie", "Note de ligne"),
    "Save note": ("Notiz speichern", "Notitie opslaan", "Enregistrer la note"),
    "Remove line: %(counter)s entry returns to unbilled.": (
        (
            "Position entfernen: %(counter)s Eintrag wird wieder nicht abgerechnet.",
            "Position entfernen: %(counter)s Einträge werden wieder nicht abgerechnet.",
        ),
        (
            "Regel verwijderen: %(counter)s boeking gaat terug naar ongefactureerd.",
            "Regel verwijderen: %(counter)s boekingen gaan terug naar ongefactureerd.",
        ),
        (
            "Retirer la ligne : %(counter)s saisie redevient non facturée.",
            "Retirer la ligne : %(counter)s saisies redeviennent non facturées.",
        ),
    ),
    "Remove line": ("Position entfernen", "Regel verwijderen", "Retirer la ligne"),
    "VAT of": ("USt. von", "Btw van", "TVA de"),
    "Set": ("Setzen", "Instellen", "Appliquer"),
    "No lines.": ("Keine Positionen.", "Geen regels.", "Aucune ligne."),
    "on": ("auf", "over", "sur"),
    "Against the estimate": (
        "Im Vergleich zum Angebot",
        "Ten opzichte van de offerte",
        "Par rapport au devis",
    ),
    "Estimate / SOW": (
        "Angebot / Leistungsbeschreibung",
        "Offerte / opdracht",
        "Devis / cahier des charges",
    ),
    "Billed to date": ("Bisher abgerechnet", "Tot nu toe gefactureerd", "Facturé à ce jour"),
    "In other drafts": ("In anderen Entwürfen", "In andere concepten", "Dans d'autres brouillons"),
    "This invoice": ("Diese Rechnung", "Deze factuur", "Cette facture"),
    "Remaining": ("Verbleibend", "Resterend", "Restant"),
    "Over the estimate: approving needs a note that explains why.": (
        "Über dem Angebot: die Freigabe braucht eine Notiz mit der Begründung.",
        "Boven de offerte: goedkeuren vraagt een notitie die uitlegt waarom.",
        "Au-delà du devis : la validation demande une note qui explique pourquoi.",
    ),
    "This project has no estimate.": (
        "Dieses Projekt hat kein Angebot.",
        "Dit project heeft geen offerte.",
        "Ce projet n'a pas de devis.",
    ),
    "Quantity": ("Menge", "Aantal", "Quantité"),
    "Unit price": ("Einzelpreis", "Stukprijs", "Prix unitaire"),
    "Add line": ("Position hinzufügen", "Regel toevoegen", "Ajouter une ligne"),
    "Discount %%": ("Rabatt %%", "Korting %%", "Remise %%"),  # "%" is doubled in msgids
    "Discount text": ("Rabatttext", "Kortingstekst", "Libellé de la remise"),
    "Percent": ("Prozent", "Procent", "Pourcentage"),
    "Add discount": ("Rabatt hinzufügen", "Korting toevoegen", "Ajouter une remise"),
    "Group lines": ("Positionen gruppieren", "Regels groeperen", "Grouper les lignes"),
    "Regroup": ("Neu gruppieren", "Hergroeperen", "Regrouper"),
    "Note on the estimate": ("Notiz zum Angebot", "Notitie bij de offerte", "Note sur le devis"),
    "Approve draft": ("Entwurf freigeben", "Concept goedkeuren", "Valider le brouillon"),
    "Notes on the invoice": (
        "Notizen auf der Rechnung",
        "Notities op de factuur",
        "Notes sur la facture",
    ),
    "Notes printed on the invoice": (
        "Auf die Rechnung gedruckte Notizen",
        "Notities die op de factuur komen",
        "Notes imprimées sur la facture",
    ),
    "Save notes": ("Notizen speichern", "Notities opslaan", "Enregistrer les notes"),
    "Issue and send": ("Ausstellen und senden", "Uitgeven en versturen", "Émettre et envoyer"),
    "Issuing gives the invoice its date (a proforma has no legal number), stores its PDF and freezes it: corrections are credit notes.": (
        "Das Ausstellen gibt der Rechnung ihr Datum (eine Proformarechnung hat keine gesetzliche Nummer), speichert ihr PDF und friert sie ein: Korrekturen sind Gutschriften.",
        "Uitgeven geeft de factuur haar datum (een proforma heeft geen wettelijk nummer), slaat haar pdf op en bevriest haar: correcties zijn creditnota's.",
        "L'émission donne sa date à la facture (une proforma n'a pas de numéro légal), enregistre son PDF et la fige : les corrections sont des avoirs.",
    ),
    "Issuing gives the invoice its number from the gap-free sequence, stores its PDF and freezes it: corrections are credit notes.": (
        "Das Ausstellen gibt der Rechnung ihre Nummer aus der lückenlosen Folge, speichert ihr PDF und friert sie ein: Korrekturen sind Gutschriften.",
        "Uitgeven geeft de factuur haar nummer uit de doorlopende reeks, slaat haar pdf op en bevriest haar: correcties zijn creditnota's.",
        "L'émission donne à la facture son numéro de la séquence sans trou, enregistre son PDF et la fige : les corrections sont des avoirs.",
    ),
    "Issue date": ("Rechnungsdatum", "Factuurdatum", "Date d'émission"),
    "Empty: today.": ("Leer: heute.", "Leeg: vandaag.", "Vide : aujourd'hui."),
    "Send to": ("Senden an", "Versturen naar", "Envoyer à"),
    "Empty: the client's invoice e-mail.": (
        "Leer: die Rechnungs-E-Mail des Kunden.",
        "Leeg: het factuur-e-mailadres van de klant.",
        "Vide : l'e-mail de facturation du client.",
    ),
    "Issue invoice": ("Rechnung ausstellen", "Factuur uitgeven", "Émettre la facture"),
    "Issue": ("Ausstellen:", "Uitgeven:", "Émettre :"),
    "Release the hold to issue this draft.": (
        "Heben Sie die Sperre auf, um diesen Entwurf auszustellen.",
        "Geef de aanhouding vrij om dit concept uit te geven.",
        "Levez l'attente pour émettre ce brouillon.",
    ),
    "Delete draft: %(counter)s line": (
        ("Entwurf löschen: %(counter)s Position", "Entwurf löschen: %(counter)s Positionen"),
        ("Concept verwijderen: %(counter)s regel", "Concept verwijderen: %(counter)s regels"),
        (
            "Supprimer le brouillon : %(counter)s ligne",
            "Supprimer le brouillon : %(counter)s lignes",
        ),
    ),
    "%(counter)s entry returns to unbilled.": (
        (
            "%(counter)s Eintrag wird wieder nicht abgerechnet.",
            "%(counter)s Einträge werden wieder nicht abgerechnet.",
        ),
        (
            "%(counter)s boeking gaat terug naar ongefactureerd.",
            "%(counter)s boekingen gaan terug naar ongefactureerd.",
        ),
        (
            "%(counter)s saisie redevient non facturée.",
            "%(counter)s saisies redeviennent non facturées.",
        ),
    ),
    "Delete draft (%(counter)s line,": (
        ("Entwurf löschen (%(counter)s Position,", "Entwurf löschen (%(counter)s Positionen,"),
        ("Concept verwijderen (%(counter)s regel,", "Concept verwijderen (%(counter)s regels,"),
        (
            "Supprimer le brouillon (%(counter)s ligne,",
            "Supprimer le brouillon (%(counter)s lignes,",
        ),
    ),
    "%(counter)s entry back to unbilled)": (
        (
            "%(counter)s Eintrag wieder nicht abgerechnet)",
            "%(counter)s Einträge wieder nicht abgerechnet)",
        ),
        (
            "%(counter)s boeking terug naar ongefactureerd)",
            "%(counter)s boekingen terug naar ongefactureerd)",
        ),
        (
            "%(counter)s saisie de nouveau non facturée)",
            "%(counter)s saisies de nouveau non facturées)",
        ),
    ),
    "Approved": ("Freigegeben", "Goedgekeurd", "Validé"),
    "Preview PDF": ("PDF-Vorschau", "Pdf-voorbeeld", "Aperçu PDF"),
    "Timesheet appendix": ("Stundennachweis-Anhang", "Urenstaatbijlage", "Annexe relevé de temps"),
    "Weekly grid": ("Wochenraster", "Weekraster", "Grille hebdomadaire"),
    "This week": ("Diese Woche", "Deze week", "Cette semaine"),
    "List": ("Liste", "Lijst", "Liste"),
    "Copy rows from last week": (
        "Zeilen der Vorwoche übernehmen",
        "Rijen van vorige week kopiëren",
        "Copier les lignes de la semaine dernière",
    ),
    "Type hours as 1:30, 1.5 or 90m; a cell saves when you leave it; arrow keys move between cells. Empty or 0 removes the day's duration entries. Submitted, approved and locked cells are read-only.": (
        "Stunden als 1:30, 1.5 oder 90m eingeben; eine Zelle speichert beim Verlassen; Pfeiltasten wechseln die Zelle. Leer oder 0 entfernt die Dauer-Einträge des Tages. Eingereichte, freigegebene und gesperrte Zellen sind schreibgeschützt.",
        "Typ uren als 1:30, 1.5 of 90m; een cel wordt opgeslagen als u haar verlaat; pijltjestoetsen gaan naar een andere cel. Leeg of 0 verwijdert de duurboekingen van die dag. Ingediende, goedgekeurde en vergrendelde cellen zijn alleen-lezen.",
        "Saisissez les heures en 1:30, 1.5 ou 90m ; une cellule s'enregistre quand vous la quittez ; les flèches passent d'une cellule à l'autre. Vide ou 0 supprime les saisies de durée du jour. Les cellules soumises, validées et verrouillées sont en lecture seule.",
    ),
    "Add a row": ("Zeile hinzufügen", "Rij toevoegen", "Ajouter une ligne"),
    "Add row": ("Zeile hinzufügen", "Rij toevoegen", "Ajouter"),
    "Read-only:": ("Schreibgeschützt:", "Alleen-lezen:", "Lecture seule :"),
    "read-only:": ("schreibgeschützt:", "alleen-lezen:", "lecture seule :"),
    "Whose time": ("Wessen Zeit", "Wiens tijd", "Le temps de qui"),
    "me": ("ich", "ik", "moi"),
    "Show": ("Anzeigen", "Tonen", "Afficher"),
    "Which start": ("Welcher Beginn", "Welk begin", "Quel début"),
    "Which end": ("Welches Ende", "Welk einde", "Quelle fin"),
    "draft": ("Entwurf", "concept", "brouillon"),
    "submitted": ("eingereicht", "ingediend", "soumis"),
    "approved": ("freigegeben", "goedgekeurd", "validé"),
    "invoiced": ("abgerechnet", "gefactureerd", "facturé"),
    "rejected": ("abgelehnt", "afgewezen", "refusé"),
    "Draft": ("Entwurf", "Concept", "Brouillon"),
    "Submitted": ("Eingereicht", "Ingediend", "Soumis"),
    "Invoiced": ("Abgerechnet", "Gefactureerd", "Facturé"),
    "Rejected": ("Abgelehnt", "Afgewezen", "Refusé"),
    "Add a credit line": (
        "Gutschriftsposition hinzufügen",
        "Creditregel toevoegen",
        "Ajouter une ligne d'avoir",
    ),
    "Carry forward": ("Übertragen", "Overdragen", "Reporter"),
    "Against progress": (
        "Im Vergleich zum Fortschritt",
        "Ten opzichte van de voortgang",
        "Par rapport à l'avancement",
    ),
    "Project closed %(amount)s under its estimate:": (
        "Projekt %(amount)s unter seinem Angebot abgeschlossen:",
        "Project %(amount)s onder de offerte afgesloten:",
        "Projet clos %(amount)s sous son devis :",
    ),
    # The invoice page (templates/invoices/detail.html): its head, facts, lines and totals
    "Overdue": ("Überfällig", "Achterstallig", "En retard"),
    "Viewed": ("Angesehen", "Bekeken", "Consultée"),
    "Download": ("Herunterladen", "Downloaden", "Télécharger"),
    "E-invoice": ("E-Rechnung", "E-factuur", "Facture électronique"),
    "Receipts annex": ("Belegeanhang", "Bijlage bonnen", "Annexe des justificatifs"),
    "Review time &amp; estimate": (
        "Zeit &amp; Angebot prüfen",
        "Tijd &amp; offerte beoordelen",
        "Vérifier temps &amp; devis",
    ),
    "Client": ("Kunde", "Klant", "Client"),
    "Currency": ("Währung", "Valuta", "Devise"),
    "net %(days)s": ("netto %(days)s", "netto %(days)s", "net %(days)s"),
    "From proforma": ("Aus Proformarechnung", "Uit proforma", "Depuis la proforma"),
    "On hold": ("Angehalten", "Aangehouden", "En attente"),
    "Voided": ("Storniert", "Geannuleerd", "Annulée"),
    "Client link": ("Kundenlink", "Klantlink", "Lien client"),
    "Lines": ("Positionen", "Regels", "Lignes"),
    "No lines yet.": ("Noch keine Positionen.", "Nog geen regels.", "Pas encore de lignes."),
    "Paid": ("Bezahlt", "Betaald", "Payé"),
    "Credited": ("Gutgeschrieben", "Gecrediteerd", "Crédité"),
    # Its bottom half: add line, issue, send, payment, credit note, void, history
    "balance due\x04Open": ("Offen", "Openstaand", "Reste dû"),
    "Discount": ("Rabatt", "Korting", "Remise"),
    "This line's own discount; empty for none.": (
        "Der eigene Rabatt dieser Position; leer für keinen.",
        "De eigen korting van deze regel; leeg voor geen.",
        "La remise propre à cette ligne ; vide pour aucune.",
    ),
    "Default": ("Standard", "Standaard", "Par défaut"),
    "To": ("An", "Aan", "À"),
    "Reason": ("Grund", "Reden", "Motif"),
    "Method": ("Zahlungsart", "Betaalwijze", "Mode de paiement"),
    "Reference": ("Referenz", "Referentie", "Référence"),
    "Record it anyway": ("Trotzdem erfassen", "Toch vastleggen", "L'enregistrer quand même"),
    "Only needed when the same payment (client, reference, amount, date) exists.": (
        "Nur nötig, wenn dieselbe Zahlung (Kunde, Referenz, Betrag, Datum) schon existiert.",
        "Alleen nodig als dezelfde betaling (klant, referentie, bedrag, datum) al bestaat.",
        "Nécessaire seulement si le même paiement (client, référence, montant, date) existe.",
    ),
    "Send by e-mail": ("Per E-Mail senden", "Per e-mail versturen", "Envoyer par e-mail"),
    "Last sent %(when)s": (
        "Zuletzt gesendet %(when)s",
        "Laatst verstuurd %(when)s",
        "Dernier envoi %(when)s",
    ),
    "Record a payment": ("Zahlung erfassen", "Betaling vastleggen", "Enregistrer un paiement"),
    "Record payment": ("Zahlung erfassen", "Betaling vastleggen", "Enregistrer le paiement"),
    "Leave every quantity empty to credit everything still open.": (
        "Alle Mengen leer lassen, um alles noch Offene gutzuschreiben.",
        "Laat alle aantallen leeg om alles wat nog openstaat te crediteren.",
        "Laissez toutes les quantités vides pour créditer tout ce qui reste dû.",
    ),
    "Void (keeps the number and document)": (
        "Stornieren (Nummer und Dokument bleiben)",
        "Annuleren (nummer en document blijven)",
        "Annuler (le numéro et le document restent)",
    ),
    "History": ("Verlauf", "Geschiedenis", "Historique"),
    "reversed": ("storniert", "teruggedraaid", "annulé"),
    "%(level)s to": ("%(level)s an", "%(level)s aan", "%(level)s à"),
    "(no e-mail)": ("(keine E-Mail)", "(geen e-mail)", "(pas d'e-mail)"),
    "Add a line": ("Position hinzufügen", "Regel toevoegen", "Ajouter une ligne"),
    "Issue proforma": (
        "Proformarechnung ausstellen",
        "Proforma uitreiken",
        "Émettre la proforma",
    ),
    "Issue credit note": ("Gutschrift ausstellen", "Creditnota uitreiken", "Émettre l'avoir"),
    "Issue final invoice": (
        "Schlussrechnung ausstellen",
        "Eindfactuur uitreiken",
        "Émettre la facture finale",
    ),
    "Issue recurring invoice": (
        "Wiederkehrende Rechnung ausstellen",
        "Terugkerende factuur uitreiken",
        "Émettre la facture récurrente",
    ),
    "Delete draft: %(counter)s line; what it bills returns to unbilled.": (
        (
            "Entwurf löschen: %(counter)s Position; was sie abrechnet, wird wieder unabgerechnet.",
            "Entwurf löschen: %(counter)s Positionen; was sie abrechnen, wird wieder "
            "unabgerechnet.",
        ),
        (
            "Concept verwijderen: %(counter)s regel; wat die factureert wordt weer ongefactureerd.",
            "Concept verwijderen: %(counter)s regels; wat die factureren wordt weer "
            "ongefactureerd.",
        ),
        (
            "Supprimer le brouillon : %(counter)s ligne ; ce qu'elle facture redevient à facturer.",
            "Supprimer le brouillon : %(counter)s lignes ; ce qu'elles facturent redevient à "
            "facturer.",
        ),
    ),
    "Delete draft": ("Entwurf löschen", "Concept verwijderen", "Supprimer le brouillon"),
    "Send": ("Senden", "Versturen", "Envoyer"),
    "Convert to invoice": (
        "In Rechnung umwandeln",
        "Omzetten naar factuur",
        "Convertir en facture",
    ),
    "Left to credit": ("Noch gutschreibbar", "Nog te crediteren", "Reste à créditer"),
    "Credit": ("Gutschreiben", "Crediteren", "Créditer"),
    "Put the credited time back to unbilled": (
        "Die gutgeschriebene Zeit wieder unabgerechnet machen",
        "De gecrediteerde tijd weer ongefactureerd maken",
        "Remettre le temps crédité à facturer",
    ),
    "Draft credit note": ("Gutschrift entwerfen", "Creditnota opstellen", "Préparer l'avoir"),
    "Void": ("Stornieren", "Annuleren", "Annuler"),
    "payment": ("Zahlung", "betaling", "paiement"),
    "Note": ("Notiz", "Notitie", "Note"),
    "Add a note": ("Notiz hinzufügen", "Notitie toevoegen", "Ajouter une note"),
    # The lock date page (approvals) and its forms
    "Entries on or before this date cannot be created, changed or deleted. Empty: no lock.": (
        "Einträge an oder vor diesem Datum können nicht angelegt, geändert oder gelöscht werden. "
        "Leer: keine Sperre.",
        "Boekingen op of vóór deze datum kunnen niet worden gemaakt, gewijzigd of verwijderd. "
        "Leeg: geen vergrendeling.",
        "Les saisies à cette date ou avant ne peuvent être créées, modifiées ni supprimées. "
        "Vide : pas de verrou.",
    ),
    "Needed when moving the date back or clearing it; kept in the audit log.": (
        "Nötig, wenn das Datum zurückgesetzt oder geleert wird; steht im Prüfprotokoll.",
        "Nodig bij het terugzetten of wissen van de datum; bewaard in de auditlog.",
        "Nécessaire pour reculer ou effacer la date ; conservé dans le journal d'audit.",
    ),
    "Reminder frequency": ("Erinnerungen", "Herinneringsfrequentie", "Fréquence des rappels"),
    "Missing-time reminders to members and pending-approval reminders to leads.": (
        "Erinnerungen an fehlende Zeit für Mitglieder und an offene Freigaben für Leitungen.",
        "Herinneringen over ontbrekende tijd aan leden en over openstaande goedkeuringen aan "
        "leiders.",
        "Rappels de temps manquant aux membres et de validations en attente aux responsables.",
    ),
    "Flag approved, unbilled time after (days)": (
        "Freigegebene, nicht abgerechnete Zeit markieren nach (Tagen)",
        "Goedgekeurde, ongefactureerde tijd markeren na (dagen)",
        "Signaler le temps validé non facturé après (jours)",
    ),
    "Used by the weekly audit report.": (
        "Für den wöchentlichen Prüfbericht.",
        "Gebruikt door het wekelijkse controlerapport.",
        "Utilisé par le rapport de contrôle hebdomadaire.",
    ),
    "Lock date and reminders": (
        "Sperrdatum und Erinnerungen",
        "Vergrendeldatum en herinneringen",
        "Date de verrouillage et rappels",
    ),
    "Entries on or before <b>%(day)s</b> are locked: nobody can create, change or delete them, "
    "except an admin giving a reason (kept in the audit log). The date is the organisation's, in "
    "its time zone (%(zone)s): a timed entry counts on the date its start has there, for every "
    "member.": (
        "Einträge an oder vor <b>%(day)s</b> sind gesperrt: niemand kann sie anlegen, ändern oder "
        "löschen, außer ein Admin mit Begründung (steht im Prüfprotokoll). Das Datum ist das der "
        "Organisation, in ihrer Zeitzone (%(zone)s): ein Eintrag mit Uhrzeiten zählt für jedes "
        "Mitglied an dem Datum, das sein Beginn dort hat.",
        "Boekingen op of vóór <b>%(day)s</b> zijn vergrendeld: niemand kan ze maken, wijzigen of "
        "verwijderen, behalve een beheerder met een reden (bewaard in de auditlog). De datum is "
        "die van de organisatie, in haar tijdzone (%(zone)s): een boeking met tijden telt voor "
        "elk lid op de datum die het begin daar heeft.",
        "Les saisies du <b>%(day)s</b> ou avant sont verrouillées : personne ne peut les créer, "
        "modifier ou supprimer, sauf un administrateur qui donne un motif (conservé dans le "
        "journal d'audit). La date est celle de l'organisation, dans son fuseau (%(zone)s) : une "
        "saisie horodatée compte, pour chaque membre, à la date qu'a son début là-bas.",
    ),
    "No period is locked.": (
        "Kein Zeitraum ist gesperrt.",
        "Geen periode is vergrendeld.",
        "Aucune période n'est verrouillée.",
    ),
    "Save lock date": ("Sperrdatum speichern", "Vergrendeldatum bewaren", "Enregistrer la date"),
    "Today: %(day)s": ("Heute: %(day)s", "Vandaag: %(day)s", "Aujourd'hui : %(day)s"),
    "Reminders and audit threshold": (
        "Erinnerungen und Prüfschwelle",
        "Herinneringen en controledrempel",
        "Rappels et seuil de contrôle",
    ),
    "Save settings": ("Einstellungen speichern", "Instellingen bewaren", "Enregistrer"),
    # The weekly grid's note per cell
    "No note.": ("Keine Notiz.", "Geen notitie.", "Pas de note."),
    "Kept on the day's entry. Ctrl+Enter saves, Esc closes.": (
        "Wird am Eintrag des Tages gespeichert. Strg+Enter speichert, Esc schließt.",
        "Bewaard bij de boeking van de dag. Ctrl+Enter bewaart, Esc sluit.",
        "Conservée sur la saisie du jour. Ctrl+Entrée enregistre, Échap ferme.",
    ),
    # The invoice e-mail (invoicing.delivery), in the invoice's language
    "%(document)s %(number)s from %(sender)s": (
        "%(document)s %(number)s von %(sender)s",
        "%(document)s %(number)s van %(sender)s",
        "%(document)s %(number)s de %(sender)s",
    ),
    "Dear %(name)s,": ("Guten Tag %(name)s,", "Beste %(name)s,", "Bonjour %(name)s,"),
    "Please find attached %(document)s %(number)s for %(amount)s %(currency)s, due on %(due)s.": (
        "anbei erhalten Sie %(document)s %(number)s über %(amount)s %(currency)s,"
        " fällig am %(due)s.",
        "Bijgaand ontvangt u %(document)s %(number)s van %(amount)s %(currency)s,"
        " te betalen op %(due)s.",
        "Veuillez trouver ci-joint %(document)s %(number)s d'un montant de %(amount)s"
        " %(currency)s, à régler le %(due)s.",
    ),
    "Please find attached %(document)s %(number)s for %(amount)s %(currency)s.": (
        "anbei erhalten Sie %(document)s %(number)s über %(amount)s %(currency)s.",
        "Bijgaand ontvangt u %(document)s %(number)s van %(amount)s %(currency)s.",
        "Veuillez trouver ci-joint %(document)s %(number)s d'un montant de %(amount)s"
        " %(currency)s.",
    ),
    "You can also view it online: %(link)s": (
        "Sie können sie auch online ansehen: %(link)s",
        "U kunt deze ook online bekijken: %(link)s",
        "Vous pouvez aussi la consulter en ligne : %(link)s",
    ),
    "Kind regards,": ("Mit freundlichen Grüßen", "Met vriendelijke groet,", "Cordialement,"),
    # Payment methods and line groupings (model choices)
    "Bank transfer": ("Überweisung", "Bankoverschrijving", "Virement bancaire"),
    "Direct debit": ("Lastschrift", "Automatische incasso", "Prélèvement"),
    "Card": ("Karte", "Kaart", "Carte"),
    "Cash": ("Bar", "Contant", "Espèces"),
    "Other": ("Sonstige", "Overig", "Autre"),
    "By phase / deliverable": (
        "Nach Phase / Lieferung",
        "Per fase / oplevering",
        "Par phase / livrable",
    ),
    "By task": ("Nach Aufgabe", "Per taak", "Par tâche"),
    "By member": ("Nach Person", "Per persoon", "Par personne"),
    "By date": ("Nach Datum", "Per datum", "Par date"),
    "One line per project": (
        "Eine Zeile pro Projekt",
        "Eén regel per project",
        "Une ligne par projet",
    ),
    # Time reminders (timesheets.reminders), in the organisation's language
    "reminder e-mail: a day (Django date format)\x04l d F Y": ("l, j. F Y", "l j F Y", "l j F Y"),
    "reminder e-mail: a date (Django date format)\x04d F Y": ("j. F Y", "j F Y", "j F Y"),
    "Timeledger: time missing for %(day)s": (
        "Timeledger: fehlende Zeiten am %(day)s",
        "Timeledger: ontbrekende uren op %(day)s",
        "Timeledger : temps manquant pour le %(day)s",
    ),
    "Timeledger: time missing for the week of %(date)s": (
        "Timeledger: fehlende Zeiten in der Woche vom %(date)s",
        "Timeledger: ontbrekende uren in de week van %(date)s",
        "Timeledger : temps manquant pour la semaine du %(date)s",
    ),
    "For %(day)s you have logged %(logged)s of %(expected)s hours.": (
        "Am %(day)s haben Sie %(logged)s von %(expected)s Stunden erfasst.",
        "Op %(day)s hebt u %(logged)s van %(expected)s uur geboekt.",
        "Pour le %(day)s, vous avez saisi %(logged)s heures sur %(expected)s.",
    ),
    "For the week of %(date)s you have logged %(logged)s of %(expected)s hours.": (
        "In der Woche vom %(date)s haben Sie %(logged)s von %(expected)s Stunden erfasst.",
        "In de week van %(date)s hebt u %(logged)s van %(expected)s uur geboekt.",
        "Pour la semaine du %(date)s, vous avez saisi %(logged)s heures sur %(expected)s.",
    ),
    "Hello %(name)s,": ("Hallo %(name)s,", "Hallo %(name)s,", "Bonjour %(name)s,"),
    "Please complete your timesheet: %(link)s": (
        "Bitte vervollständigen Sie Ihre Zeiterfassung: %(link)s",
        "Vul uw urenstaat aan: %(link)s",
        "Merci de compléter votre feuille de temps : %(link)s",
    ),
    "— %(organisation)s via Timeledger": (
        "— %(organisation)s über Timeledger",
        "— %(organisation)s via Timeledger",
        "— %(organisation)s via Timeledger",
    ),
    "Timeledger: %(count)s time entry waiting for approval": (
        (
            "Timeledger: %(count)s Zeiteintrag wartet auf Freigabe",
            "Timeledger: %(count)s Zeiteinträge warten auf Freigabe",
        ),
        (
            "Timeledger: %(count)s tijdboeking wacht op goedkeuring",
            "Timeledger: %(count)s tijdboekingen wachten op goedkeuring",
        ),
        (
            "Timeledger : %(count)s saisie de temps en attente de validation",
            "Timeledger : %(count)s saisies de temps en attente de validation",
        ),
    ),
    "Submitted time is waiting for your approval:": (
        "Eingereichte Zeiten warten auf Ihre Freigabe:",
        "Ingediende uren wachten op uw goedkeuring:",
        "Des temps soumis attendent votre validation :",
    ),
    "Approve or reject: %(link)s": (
        "Freigeben oder ablehnen: %(link)s",
        "Goedkeuren of afwijzen: %(link)s",
        "Valider ou refuser : %(link)s",
    ),
    # Invitations and "added to an organisation" (accounts), in the organisation's language
    "role in a sentence\x04owner": ("Inhaber", "eigenaar", "propriétaire"),
    "role in a sentence\x04admin": ("Administrator", "beheerder", "administrateur"),
    "role in a sentence\x04manager": ("Manager", "manager", "responsable"),
    "role in a sentence\x04member": ("Mitarbeiter", "medewerker", "collaborateur"),
    "role in a sentence\x04accountant": ("Buchhalter", "boekhouder", "comptable"),
    "role in a sentence\x04client viewer": (
        "Kunde mit Lesezugriff",
        "klant met leestoegang",
        "client en lecture seule",
    ),
    "e-mail: a date and time (Django date format)\x04d M Y H:i": (
        "j. F Y, H:i",
        "j F Y H:i",
        "j F Y à H:i",
    ),
    "%(who)s invites you to %(organisation)s on Timeledger": (
        "%(who)s lädt Sie zu %(organisation)s auf Timeledger ein",
        "%(who)s nodigt u uit voor %(organisation)s op Timeledger",
        "%(who)s vous invite à rejoindre %(organisation)s sur Timeledger",
    ),
    "Hello,": ("Hallo,", "Hallo,", "Bonjour,"),
    "%(who)s invites you to join %(organisation)s on Timeledger as %(role)s.": (
        "%(who)s lädt Sie ein, %(organisation)s auf Timeledger als %(role)s beizutreten.",
        "%(who)s nodigt u uit om als %(role)s lid te worden van %(organisation)s op Timeledger.",
        "%(who)s vous invite à rejoindre %(organisation)s sur Timeledger en tant que %(role)s.",
    ),
    "Accept the invitation, choose your name and a password here:": (
        "Nehmen Sie die Einladung hier an und wählen Sie Ihren Namen und ein Passwort:",
        "Accepteer hier de uitnodiging en kies uw naam en een wachtwoord:",
        "Acceptez l'invitation et choisissez votre nom et un mot de passe ici :",
    ),
    "The link works once, until %(expires)s UTC.": (
        "Der Link ist einmal gültig, bis %(expires)s UTC.",
        "De link werkt één keer, tot %(expires)s UTC.",
        "Le lien ne fonctionne qu'une fois, jusqu'au %(expires)s UTC.",
    ),
    "%(who)s added you to %(organisation)s on Timeledger": (
        "%(who)s hat Sie zu %(organisation)s auf Timeledger hinzugefügt",
        "%(who)s heeft u toegevoegd aan %(organisation)s op Timeledger",
        "%(who)s vous a ajouté à %(organisation)s sur Timeledger",
    ),
    "%(who)s added you to %(organisation)s on Timeledger as %(role)s.": (
        "%(who)s hat Sie als %(role)s zu %(organisation)s auf Timeledger hinzugefügt.",
        "%(who)s heeft u als %(role)s toegevoegd aan %(organisation)s op Timeledger.",
        "%(who)s vous a ajouté à %(organisation)s sur Timeledger en tant que %(role)s.",
    ),
    "Sign in as usual and switch to %(organisation)s:": (
        "Melden Sie sich wie gewohnt an und wechseln Sie zu %(organisation)s:",
        "Meld u zoals gewoonlijk aan en schakel over naar %(organisation)s:",
        "Connectez-vous comme d'habitude et passez à %(organisation)s :",
    ),
    "Choose your password here (the link works once):": (
        "Wählen Sie hier Ihr Passwort (der Link ist nur einmal gültig):",
        "Kies hier uw wachtwoord (de link werkt één keer):",
        "Choisissez votre mot de passe ici (le lien ne fonctionne qu'une fois) :",
    ),
    # The estimate e-mail (estimates.services), in the client's language
    "e-mail: a date (Django date format)\x04d M Y": ("j. F Y", "j F Y", "j F Y"),
    "Estimate %(number)s from %(sender)s": (
        "Angebot %(number)s von %(sender)s",
        "Offerte %(number)s van %(sender)s",
        "Devis %(number)s de %(sender)s",
    ),
    "Please find attached our estimate %(number)s (version %(version)s) for %(title)s: %(amount)s %(currency)s, valid until %(valid)s.": (
        "anbei erhalten Sie unser Angebot %(number)s (Version %(version)s) für %(title)s:"
        " %(amount)s %(currency)s, gültig bis %(valid)s.",
        "Bijgaand ontvangt u onze offerte %(number)s (versie %(version)s) voor %(title)s:"
        " %(amount)s %(currency)s, geldig tot %(valid)s.",
        "Veuillez trouver ci-joint notre devis %(number)s (version %(version)s) pour"
        " %(title)s : %(amount)s %(currency)s, valable jusqu'au %(valid)s.",
    ),
    "Accept or decline it here: %(link)s": (
        "Hier können Sie es annehmen oder ablehnen: %(link)s",
        "Hier kunt u de offerte accepteren of afwijzen: %(link)s",
        "Vous pouvez l'accepter ou le refuser ici : %(link)s",
    ),
    # Line texts and notes the billing engine writes (billing.rules, expenses.rules), in the
    # invoice's language
    "invoice line: a date (Django date format)\x04d M Y": ("d.m.Y", "d-m-Y", "d/m/Y"),
    "invoice line: a day (Django date format)\x04D d M Y": ("D, d.m.Y", "D d-m-Y", "D d/m/Y"),
    "hours, in an invoice line's text\x04h": ("Std.", "u", "h"),
    "Carried forward from invoice %(source)s: unused estimate of project %(project)s": (
        "Übertrag aus Rechnung %(source)s: nicht ausgeschöpfter Kostenrahmen von Projekt"
        " %(project)s",
        "Overgeboekt van factuur %(source)s: niet benut budget van project %(project)s",
        "Report de la facture %(source)s : budget non consommé du projet %(project)s",
    ),
    "Fixed fee: %(label)s": (
        "Festpreis: %(label)s",
        "Vaste prijs: %(label)s",
        "Prix forfaitaire : %(label)s",
    ),
    "Fixed fee: %(label)s — %(percent)s%% of %(fee)s": (
        "Festpreis: %(label)s — %(percent)s %% von %(fee)s",
        "Vaste prijs: %(label)s — %(percent)s%% van %(fee)s",
        "Prix forfaitaire : %(label)s — %(percent)s %% de %(fee)s",
    ),
    "Milestone: %(name)s — complete": (
        "Meilenstein: %(name)s — abgeschlossen",
        "Mijlpaal: %(name)s — afgerond",
        "Jalon : %(name)s — terminé",
    ),
    "Milestone: %(name)s — %(from)s%% → %(to)s%% of %(value)s": (
        "Meilenstein: %(name)s — %(from)s %% → %(to)s %% von %(value)s",
        "Mijlpaal: %(name)s — %(from)s%% → %(to)s%% van %(value)s",
        "Jalon : %(name)s — %(from)s %% → %(to)s %% de %(value)s",
    ),
    "Change order: %(description)s": (
        "Nachtrag: %(description)s",
        "Meerwerk: %(description)s",
        "Avenant : %(description)s",
    ),
    "Final invoice for project %(code)s — %(name)s.": (
        "Schlussrechnung für Projekt %(code)s — %(name)s.",
        "Eindfactuur voor project %(code)s — %(name)s.",
        "Facture finale du projet %(code)s — %(name)s.",
    ),
    "Retainer %(period)s (%(hours)s h included)": (
        "Stundenkontingent %(period)s (%(hours)s Std. inklusive)",
        "Urenbundel %(period)s (%(hours)s uur inbegrepen)",
        "Forfait d'heures %(period)s (%(hours)s h incluses)",
    ),
    "Retainer hours %(period)s: %(used)s h of %(allowance)s h — no overage": (
        "Kontingentstunden %(period)s: %(used)s Std. von %(allowance)s Std. — keine Mehrstunden",
        "Uren urenbundel %(period)s: %(used)s u van %(allowance)s u — geen meeruren",
        "Heures du forfait %(period)s : %(used)s h sur %(allowance)s h — pas de dépassement",
    ),
    "Retainer hours %(period)s: %(used)s h of %(allowance)s h — overage %(over)s h × %(rate)s = %(amount)s": (
        "Kontingentstunden %(period)s: %(used)s Std. von %(allowance)s Std. — Mehrstunden"
        " %(over)s Std. × %(rate)s = %(amount)s",
        "Uren urenbundel %(period)s: %(used)s u van %(allowance)s u — meeruren %(over)s u"
        " × %(rate)s = %(amount)s",
        "Heures du forfait %(period)s : %(used)s h sur %(allowance)s h — dépassement"
        " %(over)s h × %(rate)s = %(amount)s",
    ),
    "Expenses: %(category)s (%(count)s item)": (
        ("Auslagen: %(category)s (%(count)s Beleg)", "Auslagen: %(category)s (%(count)s Belege)"),
        ("Onkosten: %(category)s (%(count)s post)", "Onkosten: %(category)s (%(count)s posten)"),
        ("Frais : %(category)s (%(count)s élément)", "Frais : %(category)s (%(count)s éléments)"),
    ),
    # The organisation settings page (onboarding: template, form labels, help texts, choices)
    "Organisation settings": (
        "Organisationseinstellungen",
        "Organisatie-instellingen",
        "Paramètres de l'organisation",
    ),
    "Invoicing": ("Rechnungsstellung", "Facturatie", "Facturation"),
    "Time": ("Zeiterfassung", "Tijdregistratie", "Temps"),
    "Security": ("Sicherheit", "Beveiliging", "Sécurité"),
    "Name": ("Name", "Naam", "Nom"),
    "Legal name": ("Offizieller Firmenname", "Statutaire naam", "Raison sociale"),
    "Address": ("Adresse", "Adres", "Adresse"),
    "E-mail": ("E-Mail", "E-mail", "E-mail"),
    "VAT / tax id": (
        "USt-IdNr. / Steuernummer",
        "Btw-nummer / fiscaal nummer",
        "N° de TVA / identifiant fiscal",
    ),
    "Registration id": ("Handelsregisternummer", "KvK-nummer", "Numéro d'immatriculation"),
    "IBAN": ("IBAN", "IBAN", "IBAN"),
    "BIC": ("BIC", "BIC", "BIC"),
    "Logo": ("Logo", "Logo", "Logo"),
    "Language": ("Sprache", "Taal", "Langue"),
    "Default payment terms (days)": (
        "Standard-Zahlungsziel (Tage)",
        "Standaard betalingstermijn (dagen)",
        "Délai de paiement par défaut (jours)",
    ),
    "Time zone": ("Zeitzone", "Tijdzone", "Fuseau horaire"),
    "Week start": ("Wochenbeginn", "Eerste dag van de week", "Début de semaine"),
    "Working days (1 = Monday)": (
        "Arbeitstage (1 = Montag)",
        "Werkdagen (1 = maandag)",
        "Jours travaillés (1 = lundi)",
    ),
    "Working hours per day": (
        "Arbeitsstunden pro Tag",
        "Werkuren per dag",
        "Heures de travail par jour",
    ),
    "Rounding increment": ("Rundungsschritt", "Afrondingsstap", "Intervalle d'arrondi"),
    "Rounding mode": ("Rundungsart", "Afrondingsmethode", "Mode d'arrondi"),
    "Require two-factor sign-in for owners, admins and accountants": (
        "Zwei-Faktor-Anmeldung für Inhaber, Administratoren und Buchhaltung verlangen",
        "Tweestapsaanmelding verplicht voor eigenaren, beheerders en boekhouders",
        "Exiger la double authentification pour les propriétaires, administrateurs et comptables",
    ),
    "The UI's language for members who have not chosen one, and the invoice language of clients without one. Blank: each browser's language, invoices in English.": (
        "Die Sprache der Oberfläche für Mitglieder ohne eigene Wahl und die Rechnungssprache für Kunden ohne eigene. Leer: die Sprache des jeweiligen Browsers, Rechnungen auf Englisch.",
        "De taal van de interface voor leden die er zelf geen kozen, en de factuurtaal van klanten zonder eigen taal. Leeg: de taal van elke browser, facturen in het Engels.",
        "La langue de l'interface pour les membres qui n'en ont pas choisi, et la langue des factures des clients qui n'en ont pas. Vide : la langue de chaque navigateur, factures en anglais.",
    ),
    "Net days for new clients.": (
        "Zahlungsziel in Tagen für neue Kunden.",
        "Betalingstermijn in dagen voor nieuwe klanten.",
        "Délai net en jours pour les nouveaux clients.",
    ),
    "Entries on or before this date cannot change.": (
        "Einträge bis einschließlich zu diesem Datum lassen sich nicht mehr ändern.",
        "Boekingen op of vóór deze datum kunnen niet meer worden gewijzigd.",
        "Les saisies jusqu'à cette date incluse ne peuvent plus être modifiées.",
    ),
    "Owners, admins and accountants must sign in with a second factor.": (
        "Inhaber, Administratoren und Buchhaltung müssen sich mit einem zweiten Faktor anmelden.",
        "Eigenaren, beheerders en boekhouders moeten zich met een tweede factor aanmelden.",
        "Les propriétaires, administrateurs et comptables doivent se connecter avec un second facteur.",
    ),
    "Country": ("Land", "Land", "Pays"),
    "Each browser's language": (
        "Sprache des Browsers",
        "Taal van de browser",
        "Langue du navigateur",
    ),
    "No rounding": ("Keine Rundung", "Niet afronden", "Aucun arrondi"),
    "Up": ("Aufrunden", "Naar boven", "Vers le haut"),
    "Down": ("Abrunden", "Naar beneden", "Vers le bas"),
    "Nearest": ("Kaufmännisch runden", "Naar dichtstbijzijnde", "Au plus proche"),
    "Off": ("Aus", "Uit", "Désactivé"),
    "Daily": ("Täglich", "Dagelijks", "Quotidien"),
    "Weekly": ("Wöchentlich", "Wekelijks", "Hebdomadaire"),
    "Reason for moving the lock date back": (
        "Grund für das Zurücksetzen des Sperrdatums",
        "Reden om de vergrendeldatum terug te zetten",
        "Motif du recul de la date de verrouillage",
    ),
    "Needed only when reopening a locked period.": (
        "Nur nötig, wenn ein gesperrter Zeitraum wieder geöffnet wird.",
        "Alleen nodig als u een vergrendelde periode heropent.",
        "Nécessaire uniquement pour rouvrir une période verrouillée.",
    ),
    "Invoice number pattern": (
        "Format der Rechnungsnummer",
        "Opmaak factuurnummer",
        "Format des numéros de facture",
    ),
    "Tokens: {YYYY}, {YY}, {MM} and {SEQ:05} (the gap-free counter).": (
        "Platzhalter: {YYYY}, {YY}, {MM} und {SEQ:05} (der lückenlose Zähler).",
        "Variabelen: {YYYY}, {YY}, {MM} en {SEQ:05} (de doorlopende teller zonder gaten).",
        "Variables : {YYYY}, {YY}, {MM} et {SEQ:05} (le compteur continu, sans trou).",
    ),
    "VAT rates": ("USt-Sätze", "Btw-tarieven", "Taux de TVA"),
    "Keep the current categories": (
        "Aktuelle Kategorien beibehalten",
        "Huidige categorieën behouden",
        "Conserver les catégories actuelles",
    ),
    "Choosing a country's rates adds its dated categories and makes its standard rate the default.": (
        "Wählen Sie die Sätze eines Landes, werden dessen datierte Kategorien angelegt und sein Regelsteuersatz wird zum Standard.",
        "Kiest u de tarieven van een land, dan worden de gedateerde categorieën toegevoegd en wordt het standaardtarief de standaard.",
        "Choisir les taux d'un pays ajoute ses catégories datées et fait de son taux normal le taux par défaut.",
    ),
    "VAT rates of %(country)s set up.": (
        "USt-Sätze für %(country)s eingerichtet.",
        "Btw-tarieven van %(country)s ingesteld.",
        "Taux de TVA de %(country)s configurés.",
    ),
    "Settings saved.": (
        "Einstellungen gespeichert.",
        "Instellingen opgeslagen.",
        "Paramètres enregistrés.",
    ),
    "VAT: %(count)s category": (
        ("USt: %(count)s Kategorie", "USt: %(count)s Kategorien"),
        ("Btw: %(count)s categorie", "Btw: %(count)s categorieën"),
        ("TVA : %(count)s catégorie", "TVA : %(count)s catégories"),
    ),
    "; default <strong>%(name)s</strong> (%(rate)s %%)": (
        "; Standard <strong>%(name)s</strong> (%(rate)s %%)",
        "; standaard <strong>%(name)s</strong> (%(rate)s %%)",
        " ; par défaut <strong>%(name)s</strong> (%(rate)s %%)",
    ),
    "no default: the first invoice would stop on it": (
        "kein Standard: die erste Rechnung würde daran scheitern",
        "geen standaard: de eerste factuur zou hierop vastlopen",
        "aucun taux par défaut : la première facture serait bloquée",
    ),
    "Edit tax categories": (
        "Steuerkategorien bearbeiten",
        "Btw-categorieën bewerken",
        "Modifier les catégories de TVA",
    ),
    "Reminder levels": ("Mahnstufen", "Herinneringsniveaus", "Niveaux de relance"),
    "Invoice template": ("Rechnungsvorlage", "Factuursjabloon", "Modèle de facture"),
    "E-invoicing (electronic address, ids)": (
        "E-Rechnung (elektronische Adresse, Kennungen)",
        "E-facturatie (elektronisch adres, id's)",
        "Facturation électronique (adresse électronique, identifiants)",
    ),
    "Logo on file: %(name)s": (
        "Hinterlegtes Logo: %(name)s",
        "Opgeslagen logo: %(name)s",
        "Logo enregistré : %(name)s",
    ),
    "Members &amp; invitations": (
        "Mitglieder &amp; Einladungen",
        "Leden &amp; uitnodigingen",
        "Membres et invitations",
    ),
    "Webhooks": ("Webhooks", "Webhooks", "Webhooks"),
    # The password reset e-mail and the Members page (Settings › Members)
    "someone (we hope you) asked to reset the password of your Timeledger account %(email)s.": (
        "jemand (hoffentlich Sie) hat angefordert, das Passwort Ihres Timeledger-Kontos %(email)s zurückzusetzen.",
        "Iemand (hopelijk u) heeft gevraagd het wachtwoord van uw Timeledger-account %(email)s opnieuw in te stellen.",
        "Quelqu'un (vous, nous l'espérons) a demandé la réinitialisation du mot de passe de votre compte Timeledger %(email)s.",
    ),
    "Choose a new password here (the link works once):": (
        "Wählen Sie hier ein neues Passwort (der Link ist nur einmal gültig):",
        "Kies hier een nieuw wachtwoord (de link werkt één keer):",
        "Choisissez un nouveau mot de passe ici (le lien ne fonctionne qu'une fois) :",
    ),
    "If you did not ask for this, ignore this e-mail: your password stays as it is.": (
        "Falls Sie das nicht angefordert haben, ignorieren Sie diese E-Mail: Ihr Passwort bleibt unverändert.",
        "Hebt u hier niet om gevraagd, negeer deze e-mail dan: uw wachtwoord blijft ongewijzigd.",
        "Si vous n'êtes pas à l'origine de cette demande, ignorez cet e-mail : votre mot de passe reste inchangé.",
    ),
    "Reset your Timeledger password": (
        "Ihr Timeledger-Passwort zurücksetzen",
        "Uw Timeledger-wachtwoord opnieuw instellen",
        "Réinitialisez votre mot de passe Timeledger",
    ),
    "Owner": ("Inhaber", "Eigenaar", "Propriétaire"),
    "Admin": ("Administrator", "Beheerder", "Administrateur"),
    "Manager": ("Manager", "Manager", "Responsable"),
    "Accountant": ("Buchhaltung", "Boekhouder", "Comptable"),
    "Client viewer": ("Kunde (nur Lesen)", "Klant (alleen lezen)", "Client (lecture seule)"),
    "Role": ("Rolle", "Rol", "Rôle"),
    "For a client viewer: the client whose invoices they may see.": (
        "Für einen Kundenzugang: der Kunde, dessen Rechnungen er sehen darf.",
        "Voor een klant met leestoegang: de klant van wie hij de facturen mag zien.",
        "Pour un client en lecture seule : le client dont il peut voir les factures.",
    ),
    "Invitation sent to %(email)s.": (
        "Einladung an %(email)s gesendet.",
        "Uitnodiging verstuurd naar %(email)s.",
        "Invitation envoyée à %(email)s.",
    ),
    "Invite someone": ("Jemanden einladen", "Iemand uitnodigen", "Inviter quelqu'un"),
    "Send invitation": ("Einladung senden", "Uitnodiging versturen", "Envoyer l'invitation"),
    "The link in the e-mail works once, for 7 days.": (
        "Der Link in der E-Mail ist einmal und 7 Tage lang gültig.",
        "De link in de e-mail werkt één keer, 7 dagen lang.",
        "Le lien de l'e-mail ne fonctionne qu'une fois, pendant 7 jours.",
    ),
    "Open invitations": (
        "Offene Einladungen",
        "Openstaande uitnodigingen",
        "Invitations en attente",
    ),
    "Invited by": ("Eingeladen von", "Uitgenodigd door", "Invité par"),
    "Expires": ("Läuft ab", "Verloopt", "Expire le"),
    "invitation\x04expired": ("abgelaufen", "verlopen", "expirée"),
    "invitation\x04pending": ("offen", "openstaand", "en attente"),
    "Resend": ("Erneut senden", "Opnieuw versturen", "Renvoyer"),
    "Revoke": ("Zurückziehen", "Intrekken", "Révoquer"),
    "Last sign-in": ("Letzte Anmeldung", "Laatste aanmelding", "Dernière connexion"),
    "Change": ("Ändern", "Wijzigen", "Modifier"),
    "member\x04active": ("aktiv", "actief", "actif"),
    "member\x04deactivated": ("deaktiviert", "gedeactiveerd", "désactivé"),
    "never": ("nie", "nooit", "jamais"),
    "Deactivate": ("Deaktivieren", "Deactiveren", "Désactiver"),
    "Reactivate": ("Reaktivieren", "Opnieuw activeren", "Réactiver"),
    "A deactivated member can no longer sign in to %(organisation)s; their time, approvals and audit history stay attributed to them.": (
        "Ein deaktiviertes Mitglied kann sich nicht mehr bei %(organisation)s anmelden; seine Zeiten, Freigaben und sein Prüfprotokoll bleiben ihm zugeordnet.",
        "Een gedeactiveerd lid kan zich niet meer aanmelden bij %(organisation)s; zijn uren, goedkeuringen en auditgeschiedenis blijven aan hem gekoppeld.",
        "Un membre désactivé ne peut plus se connecter à %(organisation)s ; son temps, ses validations et son historique d'audit lui restent attribués.",
    ),
    # Budget, retainer and webhook e-mails to the organisation's people, in its language
    "[%(code)s] %(threshold)s%% of the hours budget used": (
        "[%(code)s] %(threshold)s %% des Stundenbudgets verbraucht",
        "[%(code)s] %(threshold)s%% van het urenbudget verbruikt",
        "[%(code)s] %(threshold)s %% du budget d'heures consommé",
    ),
    "[%(code)s] %(threshold)s%% of the money budget used": (
        "[%(code)s] %(threshold)s %% des Kostenbudgets verbraucht",
        "[%(code)s] %(threshold)s%% van het financiële budget verbruikt",
        "[%(code)s] %(threshold)s %% du budget financier consommé",
    ),
    "%(project)s has used %(used)s %(unit)s of its %(budget)s %(unit)s budget (%(percent)s%%).": (
        "%(project)s hat %(used)s %(unit)s des Budgets von %(budget)s %(unit)s verbraucht"
        " (%(percent)s %%).",
        "%(project)s heeft %(used)s %(unit)s van het budget van %(budget)s %(unit)s verbruikt"
        " (%(percent)s%%).",
        "%(project)s a consommé %(used)s %(unit)s de son budget de %(budget)s %(unit)s"
        " (%(percent)s %%).",
    ),
    "[%(code)s] Retainer at %(percent)s%% of its hours": (
        "[%(code)s] Stundenkontingent zu %(percent)s %% verbraucht",
        "[%(code)s] Urenbundel voor %(percent)s%% verbruikt",
        "[%(code)s] Forfait d'heures consommé à %(percent)s %%",
    ),
    "%(project)s has used %(used)s of %(allowance)s hours in the period %(start)s – %(end)s. Overage so far: %(over)s h (%(amount)s %(currency)s).": (
        "%(project)s hat im Zeitraum %(start)s – %(end)s %(used)s von %(allowance)s Stunden"
        " verbraucht. Mehrstunden bisher: %(over)s Std. (%(amount)s %(currency)s).",
        "%(project)s heeft in de periode %(start)s – %(end)s %(used)s van %(allowance)s uur"
        " verbruikt. Meeruren tot nu toe: %(over)s u (%(amount)s %(currency)s).",
        "%(project)s a consommé %(used)s heures sur %(allowance)s sur la période du %(start)s"
        " au %(end)s. Dépassement à ce jour : %(over)s h (%(amount)s %(currency)s).",
    ),
    "Webhook endpoint disabled: %(url)s": (
        "Webhook-Endpunkt deaktiviert: %(url)s",
        "Webhook-endpoint uitgeschakeld: %(url)s",
        "Point de terminaison webhook désactivé : %(url)s",
    ),
    "The webhook endpoint %(url)s of %(organisation)s failed %(count)s delivery in a row and has been disabled.": (
        (
            "Der Webhook-Endpunkt %(url)s von %(organisation)s ist %(count)s Mal in Folge"
            " fehlgeschlagen und wurde deaktiviert.",
            "Der Webhook-Endpunkt %(url)s von %(organisation)s ist %(count)s Mal in Folge"
            " fehlgeschlagen und wurde deaktiviert.",
        ),
        (
            "Het webhook-endpoint %(url)s van %(organisation)s is %(count)s keer na elkaar"
            " mislukt en is uitgeschakeld.",
            "Het webhook-endpoint %(url)s van %(organisation)s is %(count)s keer na elkaar"
            " mislukt en is uitgeschakeld.",
        ),
        (
            "Le point de terminaison webhook %(url)s de %(organisation)s a échoué %(count)s fois"
            " de suite et a été désactivé.",
            "Le point de terminaison webhook %(url)s de %(organisation)s a échoué %(count)s fois"
            " de suite et a été désactivé.",
        ),
    ),
    "Fix the receiver, enable the endpoint again under Settings › Webhooks, and replay the failed deliveries from its delivery log.": (
        "Beheben Sie den Fehler beim Empfänger, aktivieren Sie den Endpunkt unter Einstellungen ›"
        " Webhooks wieder und senden Sie die fehlgeschlagenen Zustellungen aus dem"
        " Zustellprotokoll erneut.",
        "Los het probleem bij de ontvanger op, schakel het endpoint weer in onder Instellingen ›"
        " Webhooks en verstuur de mislukte afleveringen opnieuw vanuit het afleverlogboek.",
        "Corrigez le destinataire, réactivez le point de terminaison dans Paramètres › Webhooks"
        " et relancez les envois échoués depuis son journal d'envoi.",
    ),
    # Settings › Webhooks (the endpoints and an endpoint's page, the form, the messages)
    "Each event is POSTed as JSON, signed per Standard Webhooks (<code>webhook-id</code>, <code>webhook-timestamp</code>, <code>webhook-signature</code>), after the action commits. Failures are retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h; an endpoint that fails 8 times in a row is disabled and the admins are e-mailed.": (
        "Jedes Ereignis wird als JSON per POST gesendet, signiert nach Standard Webhooks (<code>webhook-id</code>, <code>webhook-timestamp</code>, <code>webhook-signature</code>), sobald die Aktion abgeschlossen ist. Fehlschläge werden nach 5 s, 5 min, 30 min, 2 h, 5 h, 10 h und 10 h wiederholt; ein Endpunkt, der 8-mal in Folge fehlschlägt, wird deaktiviert und die Administratoren werden per E-Mail benachrichtigt.",
        "Elke gebeurtenis wordt als JSON gePOST, ondertekend volgens Standard Webhooks (<code>webhook-id</code>, <code>webhook-timestamp</code>, <code>webhook-signature</code>), zodra de actie is vastgelegd. Mislukte pogingen worden herhaald na 5 s, 5 min, 30 min, 2 u, 5 u, 10 u en 10 u; een endpoint dat 8 keer na elkaar mislukt, wordt uitgeschakeld en de beheerders krijgen een e-mail.",
        "Chaque événement est envoyé en POST au format JSON, signé selon Standard Webhooks (<code>webhook-id</code>, <code>webhook-timestamp</code>, <code>webhook-signature</code>), une fois l'action validée. Les échecs sont relancés après 5 s, 5 min, 30 min, 2 h, 5 h, 10 h et 10 h ; un point de terminaison qui échoue 8 fois de suite est désactivé et les administrateurs sont prévenus par e-mail.",
    ),
    "Events": ("Ereignisse", "Gebeurtenissen", "Événements"),
    "State": ("Zustand", "Toestand", "État"),
    "Failures in a row": ("Fehlschläge in Folge", "Mislukt na elkaar", "Échecs consécutifs"),
    "all events": ("alle Ereignisse", "alle gebeurtenissen", "tous les événements"),
    "webhook endpoint\x04active": ("aktiv", "actief", "actif"),
    "webhook endpoint\x04disabled": ("deaktiviert", "uitgeschakeld", "désactivé"),
    "No endpoints yet.": (
        "Noch keine Endpunkte.",
        "Nog geen endpoints.",
        "Aucun point de terminaison pour l'instant.",
    ),
    "Add an endpoint": (
        "Endpunkt hinzufügen",
        "Endpoint toevoegen",
        "Ajouter un point de terminaison",
    ),
    "Add endpoint": ("Endpunkt hinzufügen", "Endpoint toevoegen", "Ajouter"),
    "Webhook": ("Webhook", "Webhook", "Webhook"),
    "All webhooks": ("Alle Webhooks", "Alle webhooks", "Tous les webhooks"),
    "Signing secret": ("Signaturschlüssel", "Ondertekeningsgeheim", "Secret de signature"),
    "(the previous secret also signs until %(until)s)": (
        "(der vorige Schlüssel signiert noch bis %(until)s)",
        "(het vorige geheim ondertekent nog tot %(until)s)",
        "(l'ancien secret signe encore jusqu'au %(until)s)",
    ),
    "Rotate secret": ("Schlüssel erneuern", "Geheim vernieuwen", "Renouveler le secret"),
    "Disable": ("Deaktivieren", "Uitschakelen", "Désactiver"),
    "Enable": ("Aktivieren", "Inschakelen", "Activer"),
    "Delivery log": ("Zustellprotokoll", "Afleverlogboek", "Journal d'envoi"),
    "Created": ("Erstellt", "Aangemaakt", "Créé"),
    "Event": ("Ereignis", "Gebeurtenis", "Événement"),
    "Attempts (response codes)": (
        "Versuche (Antwortcodes)",
        "Pogingen (responscodes)",
        "Tentatives (codes de réponse)",
    ),
    "next %(when)s": (
        "nächster Versuch %(when)s",
        "volgende poging %(when)s",
        "prochain essai %(when)s",
    ),
    "Replay": ("Erneut senden", "Opnieuw versturen", "Renvoyer"),
    "Nothing sent yet.": (
        "Noch nichts gesendet.",
        "Nog niets verstuurd.",
        "Rien d'envoyé pour l'instant.",
    ),
    "None ticked: every event.": (
        "Nichts angehakt: alle Ereignisse.",
        "Niets aangevinkt: alle gebeurtenissen.",
        "Rien de coché : tous les événements.",
    ),
    "Endpoint added; its signing secret: %(secret)s": (
        "Endpunkt hinzugefügt; sein Signaturschlüssel: %(secret)s",
        "Endpoint toegevoegd; het ondertekeningsgeheim: %(secret)s",
        "Point de terminaison ajouté ; son secret de signature : %(secret)s",
    ),
    "New secret made; the old one signs for 24 hours more.": (
        "Neuer Schlüssel erstellt; der alte signiert noch 24 Stunden.",
        "Nieuw geheim aangemaakt; het oude ondertekent nog 24 uur.",
        "Nouveau secret créé ; l'ancien signe encore pendant 24 heures.",
    ),
    "Endpoint enabled.": (
        "Endpunkt aktiviert.",
        "Endpoint ingeschakeld.",
        "Point de terminaison activé.",
    ),
    "Endpoint disabled.": (
        "Endpunkt deaktiviert.",
        "Endpoint uitgeschakeld.",
        "Point de terminaison désactivé.",
    ),
    "Endpoint removed.": (
        "Endpunkt entfernt.",
        "Endpoint verwijderd.",
        "Point de terminaison supprimé.",
    ),
    "Delivery %(number)s will be sent again.": (
        "Zustellung %(number)s wird erneut gesendet.",
        "Aflevering %(number)s wordt opnieuw verstuurd.",
        "L'envoi %(number)s sera renvoyé.",
    ),
    # app.js (the djangojs catalogues, served at /jsi18n/)
    "No project matches “%s”": (
        "Kein Projekt passt zu „%s“",
        "Geen project komt overeen met ‘%s’",
        "Aucun projet ne correspond à « %s »",
    ),
    "offline": ("offline", "offline", "hors ligne"),
    "%s offline entry to send": (
        ("%s Offline-Eintrag wartet auf das Senden", "%s Offline-Einträge warten auf das Senden"),
        ("%s offline boeking te versturen", "%s offline boekingen te versturen"),
        ("%s saisie hors ligne à envoyer", "%s saisies hors ligne à envoyer"),
    ),
    "Offline: this timer was started online and stops once you are back online.": (
        "Offline: Dieser Timer wurde online gestartet und stoppt, sobald Sie wieder online sind.",
        "Offline: deze timer is online gestart en stopt zodra u weer online bent.",
        "Hors ligne : ce chrono a été démarré en ligne et s'arrêtera dès que vous serez de"
        " nouveau en ligne.",
    ),
    "An offline entry was not stored: %s": (
        "Ein Offline-Eintrag wurde nicht gespeichert: %s",
        "Een offline boeking is niet opgeslagen: %s",
        "Une saisie hors ligne n'a pas été enregistrée : %s",
    ),
}
LANGUAGES = ("de", "nl", "fr")
TABLES = Path(__file__).resolve().parent / "tables"


def _add_tables() -> None:
    """Every area's own table (``tables/*.py``, each a dict ``T`` of the same shape) joins T; a
    message translated two different ways is an error, not a silent pick."""
    for path in sorted(TABLES.glob("*.py")):
        table = runpy.run_path(str(path))["T"]
        clash = sorted(msgid for msgid in table if msgid in T and T[msgid] != table[msgid])
        if clash:
            raise SystemExit(f"{path.name} translates differently from another table: {clash[:5]}")
        T.update(table)


_add_tables()


def fill(po_text: str, language: str) -> str:
    """The catalogue with every msgstr of a msgid the table knows written from the table
    (single-line entries); other msgstrs stay as they are.

    A guess of msgmerge (``#, fuzzy``, from a similar older msgid) is never kept: its flag and
    ``#|`` lines go and its msgstr is this table's or empty."""
    column = LANGUAGES.index(language)
    # A message with a context ({% translate "Open" context "balance due" %}) is the row
    # "context\x04msgid", as gettext itself keys it.
    out, msgid, fuzzy, context = [], None, False, None
    for line in po_text.splitlines():
        if line.startswith("#,") and "python-brace-format" in line:
            # xgettext's guess from "{n}" placeholders that the browser fills in; Django's
            # messages are %-formatted, and a translation need not repeat every brace.
            flags = [f.strip() for f in line[2:].split(",") if f.strip() != "python-brace-format"]
            if not flags:
                continue
            line = "#, " + ", ".join(flags)
        if line.startswith("#,") and "fuzzy" in line:
            if msgid is None:  # makemessages' header of a new catalogue
                continue
            fuzzy = True
            flags = [f.strip() for f in line[2:].split(",") if f.strip() != "fuzzy"]
            if flags:
                out.append("#, " + ", ".join(flags))
            continue
        if line.startswith("#|"):
            continue
        if line.startswith('msgctxt "'):
            context = line[9:-1]
        elif line.startswith('msgid "'):
            msgid = line[7:-1].encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
            if context is not None:
                msgid, context = f"{context}\x04{msgid}", None
        elif line.startswith("msgstr") and (line.endswith(' ""') or fuzzy or msgid in T):
            # The table is the source: a row changed there changes the catalogue.
            # "msgstr" or, for a plural (``{% blocktranslate count %}``), "msgstr[0]"/"msgstr[1]";
            # a plural's row in T holds (singular, plural) per language.
            key, _, _ = line.partition(" ")
            text = T[msgid][column] if msgid in T else ""
            if not isinstance(text, str):
                text = text[int(key[7]) if key.startswith("msgstr[") else 0]
            line = '{} "{}"'.format(key, text.replace("\\", "\\\\").replace('"', '\\"'))
            fuzzy = False if not key.startswith("msgstr[0") else fuzzy
        out.append(line)
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    import sys

    root = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent)
    for language in LANGUAGES:
        # django.po (templates, Python) and djangojs.po (app.js, served at /jsi18n/): one table.
        for domain in ("django", "djangojs"):
            po = root / language / "LC_MESSAGES" / f"{domain}.po"
            if po.exists():
                po.write_text(fill(po.read_text(encoding="utf-8"), language), encoding="utf-8")
