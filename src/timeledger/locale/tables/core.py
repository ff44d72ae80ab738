"""The messages of the time-entry and approval services, their API and forms, the API's own
errors (core.api, core.parsers, core.serializers), permissions, money and time parsing."""

T = {
    # accounts.permissions
    "You are not a member of an organisation.": (
        "Sie sind kein Mitglied einer Organisation.",
        "U bent geen lid van een organisatie.",
        "Vous n'êtes membre d'aucune organisation.",
    ),
    "Your role (%(role)s) lacks the capability '%(capability)s' that this needs.": (
        "Ihrer Rolle (%(role)s) fehlt die hierfür nötige Berechtigung '%(capability)s'.",
        "Uw rol (%(role)s) mist de hiervoor benodigde bevoegdheid '%(capability)s'.",
        "Votre rôle (%(role)s) n'a pas l'autorisation '%(capability)s' nécessaire ici.",
    ),
    # approvals (API and services)
    "Give a member and week, a project, or entries.": (
        "Geben Sie einen Mitarbeiter und eine Woche, ein Projekt oder Einträge an.",
        "Geef een medewerker en week, een project of boekingen op.",
        "Indiquez un collaborateur et une semaine, un projet ou des saisies.",
    ),
    "Give the week to act on.": (
        "Geben Sie die Woche an, um die es geht.",
        "Geef de week op waarom het gaat.",
        "Indiquez la semaine concernée.",
    ),
    "Choose a member and week, a project, or entries.": (
        "Wählen Sie einen Mitarbeiter und eine Woche, ein Projekt oder Einträge.",
        "Kies een medewerker en week, een project of boekingen.",
        "Choisissez un collaborateur et une semaine, un projet ou des saisies.",
    ),
    "Choose the week to act on.": (
        "Wählen Sie die Woche, um die es geht.",
        "Kies de week waarom het gaat.",
        "Choisissez la semaine concernée.",
    ),
    "You may approve only others' time on projects whose team you are on; your own time is approved by an admin or another manager.": (
        "Sie dürfen nur die Zeit anderer auf Projekten freigeben, in deren Team Sie sind; Ihre eigene Zeit gibt ein Administrator oder ein anderer Manager frei.",
        "U mag alleen de tijd van anderen goedkeuren op projecten in wier team u zit; uw eigen tijd wordt goedgekeurd door een beheerder of een andere manager.",
        "Vous ne pouvez valider que le temps des autres sur les projets dont vous faites partie de l'équipe ; votre propre temps est validé par un administrateur ou un autre responsable.",
    ),
    "You may approve only entries of projects you lead (and not your own).": (
        "Sie dürfen nur Einträge von Projekten freigeben, die Sie leiten (und nicht Ihre eigenen).",
        "U mag alleen boekingen goedkeuren van projecten die u leidt (en niet uw eigen boekingen).",
        "Vous ne pouvez valider que les saisies des projets que vous dirigez (et pas les vôtres).",
    ),
    "Nothing to submit: no draft or rejected entries in this week.": (
        "Nichts einzureichen: keine Entwürfe oder abgelehnten Einträge in dieser Woche.",
        "Niets in te dienen: geen concepten of afgewezen boekingen in deze week.",
        "Rien à soumettre : aucune saisie en brouillon ou refusée cette semaine.",
    ),
    "Only managers may approve entries that were not submitted.": (
        "Nur Manager dürfen Einträge freigeben, die nicht eingereicht wurden.",
        "Alleen managers mogen boekingen goedkeuren die niet zijn ingediend.",
        "Seuls les responsables peuvent valider des saisies qui n'ont pas été soumises.",
    ),
    "Nothing to approve: no submitted entries here.": (
        "Nichts freizugeben: hier gibt es keine eingereichten Einträge.",
        "Niets goed te keuren: hier zijn geen ingediende boekingen.",
        "Rien à valider : aucune saisie soumise ici.",
    ),
    "Nothing to reject: no submitted entries here.": (
        "Nichts abzulehnen: hier gibt es keine eingereichten Einträge.",
        "Niets af te wijzen: hier zijn geen ingediende boekingen.",
        "Rien à refuser : aucune saisie soumise ici.",
    ),
    "Give the reason for undoing the approval; it is kept in the audit log.": (
        "Geben Sie den Grund für das Zurücknehmen der Freigabe an; er wird im Prüfprotokoll festgehalten.",
        "Geef de reden voor het intrekken van de goedkeuring op; die wordt in het auditlog bewaard.",
        "Indiquez la raison de l'annulation de la validation ; elle est conservée dans le journal d'audit.",
    ),
    "These entries are invoiced; correct them with a credit note.": (
        "Diese Einträge sind abgerechnet; korrigieren Sie sie mit einer Gutschrift.",
        "Deze boekingen zijn gefactureerd; corrigeer ze met een creditnota.",
        "Ces saisies sont facturées ; corrigez-les par un avoir.",
    ),
    "Nothing to reopen: no approved entries here.": (
        "Nichts wieder zu öffnen: hier gibt es keine freigegebenen Einträge.",
        "Niets te heropenen: hier zijn geen goedgekeurde boekingen.",
        "Rien à rouvrir : aucune saisie validée ici.",
    ),
    "The lock date cannot be in the future.": (
        "Das Sperrdatum darf nicht in der Zukunft liegen.",
        "De vergrendeldatum mag niet in de toekomst liggen.",
        "La date de verrouillage ne peut pas être dans le futur.",
    ),
    "Give a reason for reopening a locked period.": (
        "Geben Sie einen Grund für das Wiederöffnen eines gesperrten Zeitraums an.",
        "Geef een reden op voor het heropenen van een vergrendelde periode.",
        "Indiquez une raison pour rouvrir une période verrouillée.",
    ),
    "Only an admin can change these settings.": (
        "Nur ein Administrator kann diese Einstellungen ändern.",
        "Alleen een beheerder kan deze instellingen wijzigen.",
        "Seul un administrateur peut modifier ces paramètres.",
    ),
    "Give a number of days between 1 and 365.": (
        "Geben Sie eine Anzahl Tage zwischen 1 und 365 an.",
        "Geef een aantal dagen tussen 1 en 365 op.",
        "Indiquez un nombre de jours entre 1 et 365.",
    ),
    # core.api, core.parsers, core.serializers
    "The request body is too large.": (
        "Der Inhalt der Anfrage ist zu groß.",
        "De inhoud van het verzoek is te groot.",
        "Le corps de la requête est trop volumineux.",
    ),
    "Bad request.": ("Ungültige Anfrage.", "Ongeldig verzoek.", "Requête invalide."),
    "A value is out of range for what can be stored.": (
        "Ein Wert liegt außerhalb dessen, was gespeichert werden kann.",
        "Een waarde valt buiten wat kan worden opgeslagen.",
        "Une valeur dépasse ce qui peut être enregistré.",
    ),
    "No API endpoint at %(path)s.": (
        "Unter %(path)s gibt es keinen API-Endpunkt.",
        "Er is geen API-endpoint op %(path)s.",
        "Aucun point d'accès de l'API à %(path)s.",
    ),
    "JSON parse error - nested too deeply.": (
        "JSON-Fehler – zu tief verschachtelt.",
        "JSON-fout – te diep genest.",
        "Erreur d'analyse JSON – imbrication trop profonde.",
    ),
    "Date-time out of range.": (
        "Zeitpunkt außerhalb des zulässigen Bereichs.",
        "Tijdstip buiten het toegestane bereik.",
        "Date et heure hors limites.",
    ),
    "Unknown field.": ("Unbekanntes Feld.", "Onbekend veld.", "Champ inconnu."),
    # core.money
    "An amount in %(currency)s has no decimals.": (
        "Ein Betrag in %(currency)s hat keine Nachkommastellen.",
        "Een bedrag in %(currency)s heeft geen decimalen.",
        "Un montant en %(currency)s n'a pas de décimales.",
    ),
    "An amount in %(currency)s has at most %(count)s decimal.": (
        (
            "Ein Betrag in %(currency)s hat höchstens %(count)s Nachkommastelle.",
            "Ein Betrag in %(currency)s hat höchstens %(count)s Nachkommastellen.",
        ),
        (
            "Een bedrag in %(currency)s heeft hoogstens %(count)s decimaal.",
            "Een bedrag in %(currency)s heeft hoogstens %(count)s decimalen.",
        ),
        (
            "Un montant en %(currency)s a au plus %(count)s décimale.",
            "Un montant en %(currency)s a au plus %(count)s décimales.",
        ),
    ),
    # core.timeutil
    "Date must fall between 1900 and 2999.": (
        "Das Datum muss zwischen 1900 und 2999 liegen.",
        "De datum moet tussen 1900 en 2999 liggen.",
        "La date doit être comprise entre 1900 et 2999.",
    ),
    "%(moment)s happens twice in %(zone)s (clocks move back): say which, %(first)s (first) or %(second)s (second)": (
        "%(moment)s kommt in %(zone)s zweimal vor (die Uhren werden zurückgestellt): geben Sie an, welches, %(first)s (erstes) oder %(second)s (zweites)",
        "%(moment)s komt in %(zone)s twee keer voor (de klok gaat terug): geef aan welke, %(first)s (eerste) of %(second)s (tweede)",
        "%(moment)s existe deux fois en %(zone)s (les horloges reculent) : précisez lequel, %(first)s (premier) ou %(second)s (second)",
    ),
    "%(moment)s does not exist in %(zone)s (clocks move forward)": (
        "%(moment)s gibt es in %(zone)s nicht (die Uhren werden vorgestellt)",
        "%(moment)s bestaat niet in %(zone)s (de klok gaat vooruit)",
        "%(moment)s n'existe pas en %(zone)s (les horloges avancent)",
    ),
    "%(moment)s is not a time in %(zone)s": (
        "%(moment)s ist keine Uhrzeit in %(zone)s",
        "%(moment)s is geen tijdstip in %(zone)s",
        "%(moment)s n'est pas une heure valable en %(zone)s",
    ),
    "duration is empty": ("die Dauer ist leer", "de duur is leeg", "la durée est vide"),
    "%(text)s is not a duration (use 1:30, 1.5 or 90m)": (
        "%(text)s ist keine Dauer (schreiben Sie 1:30, 1,5 oder 90m)",
        "%(text)s is geen duur (gebruik 1:30, 1,5 of 90m)",
        "%(text)s n'est pas une durée (écrivez 1:30, 1,5 ou 90m)",
    ),
    # timesheets.api
    "Your role cannot see time entries.": (
        "Ihre Rolle darf keine Zeiteinträge sehen.",
        "Uw rol mag geen tijdboekingen zien.",
        "Votre rôle ne permet pas de voir les saisies de temps.",
    ),
    "Enter at least 1 second.": (
        "Geben Sie mindestens 1 Sekunde an.",
        "Geef minstens 1 seconde op.",
        "Indiquez au moins 1 seconde.",
    ),
    "An entry cannot move to another member; log it again.": (
        "Ein Eintrag kann nicht zu einem anderen Mitarbeiter wechseln; erfassen Sie ihn neu.",
        "Een boeking kan niet naar een andere medewerker verhuizen; boek haar opnieuw.",
        "Une saisie ne peut pas passer à un autre collaborateur ; saisissez-la à nouveau.",
    ),
    "This entry has a start and end; change those instead.": (
        "Dieser Eintrag hat Beginn und Ende; ändern Sie stattdessen diese.",
        "Deze boeking heeft een begin en einde; wijzig die in plaats daarvan.",
        "Cette saisie a un début et une fin ; modifiez-les plutôt.",
    ),
    "Choose a date between %(earliest)s and %(latest)s.": (
        "Wählen Sie ein Datum zwischen %(earliest)s und %(latest)s.",
        "Kies een datum tussen %(earliest)s en %(latest)s.",
        "Choisissez une date entre le %(earliest)s et le %(latest)s.",
    ),
    "Give the cell's duration, its note, or both.": (
        "Geben Sie die Dauer der Zelle, ihre Notiz oder beides an.",
        "Geef de duur van de cel, de notitie of beide op.",
        "Indiquez la durée de la cellule, sa note, ou les deux.",
    ),
    # timesheets.forms and views
    "Choose a project from the list.": (
        "Wählen Sie ein Projekt aus der Liste.",
        "Kies een project uit de lijst.",
        "Choisissez un projet dans la liste.",
    ),
    "Give both start and end.": (
        "Geben Sie Beginn und Ende an.",
        "Geef zowel begin als einde op.",
        "Indiquez le début et la fin.",
    ),
    "Give a duration, or a start and end time.": (
        "Geben Sie eine Dauer oder eine Beginn- und Endzeit an.",
        "Geef een duur op, of een begin- en eindtijd.",
        "Indiquez une durée, ou une heure de début et de fin.",
    ),
    "%(moment)s happens twice in %(zone)s (clocks move back): choose, %(first)s (first) or %(second)s (second).": (
        "%(moment)s kommt in %(zone)s zweimal vor (die Uhren werden zurückgestellt): wählen Sie %(first)s (erstes) oder %(second)s (zweites).",
        "%(moment)s komt in %(zone)s twee keer voor (de klok gaat terug): kies %(first)s (eerste) of %(second)s (tweede).",
        "%(moment)s existe deux fois en %(zone)s (les horloges reculent) : choisissez %(first)s (premier) ou %(second)s (second).",
    ),
    "Give an ISO 8601 instant with its offset.": (
        "Geben Sie einen Zeitpunkt nach ISO 8601 mit Zeitzonenversatz an.",
        "Geef een tijdstip volgens ISO 8601 met de tijdverschuiving op.",
        "Indiquez un instant ISO 8601 avec son décalage horaire.",
    ),
    # timesheets.rules
    "Dates before 1 Jan 2000 are not accepted; check the year.": (
        "Daten vor dem 1. Jan. 2000 werden nicht angenommen; prüfen Sie das Jahr.",
        "Datums vóór 1 jan. 2000 worden niet geaccepteerd; controleer het jaar.",
        "Les dates antérieures au 1er janv. 2000 ne sont pas acceptées ; vérifiez l'année.",
    ),
    "End must be after start.": (
        "Das Ende muss nach dem Beginn liegen.",
        "Het einde moet na het begin liggen.",
        "La fin doit être après le début.",
    ),
    "An entry cannot be longer than 24 hours; split it.": (
        "Ein Eintrag darf nicht länger als 24 Stunden sein; teilen Sie ihn auf.",
        "Een boeking mag niet langer dan 24 uur zijn; splits haar op.",
        "Une saisie ne peut pas dépasser 24 heures ; divisez-la.",
    ),
    "An entry cannot end more than a day in the future.": (
        "Ein Eintrag darf nicht mehr als einen Tag in der Zukunft enden.",
        "Een boeking mag niet meer dan een dag in de toekomst eindigen.",
        "Une saisie ne peut pas se terminer plus d'un jour dans le futur.",
    ),
    "An entry cannot start more than a day in the future.": (
        "Ein Eintrag darf nicht mehr als einen Tag in der Zukunft beginnen.",
        "Een boeking mag niet meer dan een dag in de toekomst beginnen.",
        "Une saisie ne peut pas commencer plus d'un jour dans le futur.",
    ),
    "Duration must be more than zero.": (
        "Die Dauer muss größer als null sein.",
        "De duur moet groter dan nul zijn.",
        "La durée doit être supérieure à zéro.",
    ),
    "An entry cannot be more than a day in the future.": (
        "Ein Eintrag darf nicht mehr als einen Tag in der Zukunft liegen.",
        "Een boeking mag niet meer dan een dag in de toekomst liggen.",
        "Une saisie ne peut pas être plus d'un jour dans le futur.",
    ),
    "That makes %(total)s on %(day)s; a day has at most %(limit)s.": (
        "Das ergibt %(total)s am %(day)s; ein Tag hat höchstens %(limit)s.",
        "Dat maakt %(total)s op %(day)s; een dag heeft hoogstens %(limit)s.",
        "Cela fait %(total)s le %(day)s ; une journée compte au plus %(limit)s.",
    ),
    # timesheets.services
    "project status\x04planned": ("geplant", "gepland", "planifié"),
    "project status\x04active": ("aktiv", "actief", "actif"),
    "project status\x04on hold": ("pausiert", "gepauzeerd", "en pause"),
    "project status\x04closed": ("abgeschlossen", "afgesloten", "clôturé"),
    "Project %(code)s is %(status)s and archived; it takes no new time.": (
        "Projekt %(code)s ist %(status)s und archiviert; es nimmt keine neue Zeit an.",
        "Project %(code)s is %(status)s en gearchiveerd; er kan geen nieuwe tijd op worden geboekt.",
        "Le projet %(code)s est %(status)s et archivé ; il n'accepte plus de nouveau temps.",
    ),
    "Project %(code)s is %(status)s; it takes no new time.": (
        "Projekt %(code)s ist %(status)s; es nimmt keine neue Zeit an.",
        "Project %(code)s is %(status)s; er kan geen nieuwe tijd op worden geboekt.",
        "Le projet %(code)s est %(status)s ; il n'accepte plus de nouveau temps.",
    ),
    "Task '%(task)s' is archived.": (
        "Die Aufgabe '%(task)s' ist archiviert.",
        "Taak '%(task)s' is gearchiveerd.",
        "La tâche '%(task)s' est archivée.",
    ),
    "Project %(code)s is non-billable; its time cannot be billable.": (
        "Projekt %(code)s ist nicht abrechenbar; seine Zeit kann nicht abrechenbar sein.",
        "Project %(code)s is niet declarabel; de tijd erop kan niet declarabel zijn.",
        "Le projet %(code)s n'est pas facturable ; son temps ne peut pas être facturable.",
    ),
    "The period up to %(date)s is locked (the organisation's date, %(zone)s time); ask an admin.": (
        "Der Zeitraum bis %(date)s ist gesperrt (Datum der Organisation, Zeitzone %(zone)s); wenden Sie sich an einen Administrator.",
        "De periode tot en met %(date)s is vergrendeld (de datum van de organisatie, tijdzone %(zone)s); vraag het een beheerder.",
        "La période jusqu'au %(date)s est verrouillée (date de l'organisation, fuseau %(zone)s) ; adressez-vous à un administrateur.",
    ),
    "Only an admin may change a locked period.": (
        "Nur ein Administrator darf einen gesperrten Zeitraum ändern.",
        "Alleen een beheerder mag een vergrendelde periode wijzigen.",
        "Seul un administrateur peut modifier une période verrouillée.",
    ),
    "now (running)": ("jetzt (läuft)", "nu (loopt)", "maintenant (en cours)"),
    "Stopping now would overlap your entry on %(project)s %(start)s–%(end)s.": (
        "Jetzt zu stoppen würde sich mit Ihrem Eintrag auf %(project)s %(start)s–%(end)s überschneiden.",
        "Nu stoppen zou overlappen met uw boeking op %(project)s %(start)s–%(end)s.",
        "Arrêter maintenant chevaucherait votre saisie sur %(project)s %(start)s–%(end)s.",
    ),
    "Overlaps your entry on %(project)s %(start)s–%(end)s.": (
        "Überschneidet sich mit Ihrem Eintrag auf %(project)s %(start)s–%(end)s.",
        "Overlapt met uw boeking op %(project)s %(start)s–%(end)s.",
        "Chevauche votre saisie sur %(project)s %(start)s–%(end)s.",
    ),
    "Give a date (or a start and end).": (
        "Geben Sie ein Datum an (oder Beginn und Ende).",
        "Geef een datum op (of een begin en einde).",
        "Indiquez une date (ou un début et une fin).",
    ),
    "Give a duration (or a start and end).": (
        "Geben Sie eine Dauer an (oder Beginn und Ende).",
        "Geef een duur op (of een begin en einde).",
        "Indiquez une durée (ou un début et une fin).",
    ),
    "A running timer cannot start in the future.": (
        "Ein laufender Timer kann nicht in der Zukunft beginnen.",
        "Een lopende timer kan niet in de toekomst beginnen.",
        "Un chrono en cours ne peut pas commencer dans le futur.",
    ),
    "A running timer cannot have started more than 24 hours ago.": (
        "Ein laufender Timer kann nicht vor mehr als 24 Stunden gestartet sein.",
        "Een lopende timer kan niet meer dan 24 uur geleden gestart zijn.",
        "Un chrono en cours ne peut pas avoir démarré il y a plus de 24 heures.",
    ),
    "Not your organisation's entry.": (
        "Dieser Eintrag gehört nicht zu Ihrer Organisation.",
        "Deze boeking hoort niet bij uw organisatie.",
        "Cette saisie n'appartient pas à votre organisation.",
    ),
    "You can only change your own entries.": (
        "Sie können nur Ihre eigenen Einträge ändern.",
        "U kunt alleen uw eigen boekingen wijzigen.",
        "Vous ne pouvez modifier que vos propres saisies.",
    ),
    "This entry is invoiced and can no longer change.": (
        "Dieser Eintrag ist abgerechnet und kann nicht mehr geändert werden.",
        "Deze boeking is gefactureerd en kan niet meer worden gewijzigd.",
        "Cette saisie est facturée et ne peut plus être modifiée.",
    ),
    "This entry is submitted and locked; ask a manager to reopen it.": (
        "Dieser Eintrag ist eingereicht und gesperrt; bitten Sie einen Manager, ihn wieder zu öffnen.",
        "Deze boeking is ingediend en vergrendeld; vraag een manager om haar te heropenen.",
        "Cette saisie est soumise et verrouillée ; demandez à un responsable de la rouvrir.",
    ),
    "This entry is approved and locked; ask a manager to reopen it.": (
        "Dieser Eintrag ist freigegeben und gesperrt; bitten Sie einen Manager, ihn wieder zu öffnen.",
        "Deze boeking is goedgekeurd en vergrendeld; vraag een manager om haar te heropenen.",
        "Cette saisie est validée et verrouillée ; demandez à un responsable de la rouvrir.",
    ),
    "This entry is %(status)s and locked; ask a manager to reopen it.": (
        "Dieser Eintrag ist %(status)s und gesperrt; bitten Sie einen Manager, ihn wieder zu öffnen.",
        "Deze boeking is %(status)s en vergrendeld; vraag een manager om haar te heropenen.",
        "Cette saisie est à l'état « %(status)s » et verrouillée ; demandez à un responsable de la rouvrir.",
    ),
    "Your role cannot log time.": (
        "Ihre Rolle darf keine Zeit erfassen.",
        "Uw rol mag geen tijd boeken.",
        "Votre rôle ne permet pas de saisir du temps.",
    ),
    "You can only log your own time.": (
        "Sie können nur Ihre eigene Zeit erfassen.",
        "U kunt alleen uw eigen tijd boeken.",
        "Vous ne pouvez saisir que votre propre temps.",
    ),
    "A timer is already running; stop it or switch.": (
        "Es läuft bereits ein Timer; stoppen Sie ihn oder wechseln Sie.",
        "Er loopt al een timer; stop die of wissel.",
        "Un chrono est déjà en cours ; arrêtez-le ou changez.",
    ),
    "No timer is running.": (
        "Es läuft kein Timer.",
        "Er loopt geen timer.",
        "Aucun chrono n'est en cours.",
    ),
    "This timer ran for more than 24 hours; edit it and give the real end time.": (
        "Dieser Timer lief länger als 24 Stunden; bearbeiten Sie ihn und geben Sie die tatsächliche Endzeit an.",
        "Deze timer liep langer dan 24 uur; bewerk hem en geef de werkelijke eindtijd op.",
        "Ce chrono a tourné plus de 24 heures ; modifiez-le et indiquez l'heure de fin réelle.",
    ),
    "You can only restart your own entries.": (
        "Sie können nur Ihre eigenen Einträge neu starten.",
        "U kunt alleen uw eigen boekingen opnieuw starten.",
        "Vous ne pouvez relancer que vos propres saisies.",
    ),
    "Duration cannot be negative.": (
        "Die Dauer darf nicht negativ sein.",
        "De duur mag niet negatief zijn.",
        "La durée ne peut pas être négative.",
    ),
    "A day has at most 24:00.": (
        "Ein Tag hat höchstens 24:00.",
        "Een dag heeft hoogstens 24:00.",
        "Une journée compte au plus 24:00.",
    ),
    "%(hours)s of this day is timed or already submitted; change those entries in the week view.": (
        "%(hours)s dieses Tages sind mit Uhrzeiten erfasst oder bereits eingereicht; ändern Sie diese Einträge in der Wochenansicht.",
        "%(hours)s van deze dag is met begin- en eindtijd geboekt of al ingediend; wijzig die boekingen in de weekweergave.",
        "%(hours)s de cette journée sont saisies avec des heures ou déjà soumises ; modifiez ces saisies dans la vue de la semaine.",
    ),
    "A note has at most %(count)s characters.": (
        "Eine Notiz hat höchstens %(count)s Zeichen.",
        "Een notitie heeft hoogstens %(count)s tekens.",
        "Une note compte au plus %(count)s caractères.",
    ),
    "Type this day's hours first: the note is kept on its entry.": (
        "Geben Sie zuerst die Stunden dieses Tages ein: die Notiz wird an ihrem Eintrag gespeichert.",
        "Vul eerst de uren van deze dag in: de notitie wordt bij de boeking bewaard.",
        "Saisissez d'abord les heures de ce jour : la note est conservée sur sa saisie.",
    ),
    "This day's time is timed or already submitted; change its note in the week view.": (
        "Die Zeit dieses Tages ist mit Uhrzeiten erfasst oder bereits eingereicht; ändern Sie ihre Notiz in der Wochenansicht.",
        "De tijd van deze dag is met begin- en eindtijd geboekt of al ingediend; wijzig de notitie in de weekweergave.",
        "Le temps de cette journée est saisi avec des heures ou déjà soumis ; modifiez sa note dans la vue de la semaine.",
    ),
    # accounts.authentication, accounts.throttling, core.idempotency
    "Malformed Authorization header.": (
        "Fehlerhafter Authorization-Header.",
        "Ongeldige Authorization-header.",
        "En-tête Authorization mal formé.",
    ),
    "Invalid or revoked token.": (
        "Ungültiges oder widerrufenes Token.",
        "Ongeldig of ingetrokken token.",
        "Jeton invalide ou révoqué.",
    ),
    "Too many invalid tokens from here.": (
        "Zu viele ungültige Tokens von dieser Adresse.",
        "Te veel ongeldige tokens vanaf dit adres.",
        "Trop de jetons invalides depuis cette adresse.",
    ),
    "This Idempotency-Key was used with another request body.": (
        "Dieser Idempotency-Key wurde mit einem anderen Anfrageinhalt verwendet.",
        "Deze Idempotency-Key is gebruikt met een andere inhoud van het verzoek.",
        "Cette Idempotency-Key a été utilisée avec un autre corps de requête.",
    ),
    "A request with this Idempotency-Key is still being processed; retry.": (
        "Eine Anfrage mit diesem Idempotency-Key wird noch bearbeitet; versuchen Sie es erneut.",
        "Een verzoek met deze Idempotency-Key wordt nog verwerkt; probeer het opnieuw.",
        "Une requête avec cette Idempotency-Key est encore en cours de traitement ; réessayez.",
    ),
    # approvals.workflow
    "Time entries changed while you were working; reload and retry.": (
        "Zeiteinträge wurden geändert, während Sie gearbeitet haben; laden Sie neu und versuchen Sie es erneut.",
        "Tijdboekingen zijn gewijzigd terwijl u bezig was; laad opnieuw en probeer het nog eens.",
        "Des saisies de temps ont changé pendant que vous travailliez ; rechargez et réessayez.",
    ),
    "Expenses changed while you were working; reload and retry.": (
        "Auslagen wurden geändert, während Sie gearbeitet haben; laden Sie neu und versuchen Sie es erneut.",
        "Onkosten zijn gewijzigd terwijl u bezig was; laad opnieuw en probeer het nog eens.",
        "Des dépenses ont changé pendant que vous travailliez ; rechargez et réessayez.",
    ),
    "%(what)s changed while you were working; reload and retry.": (
        "%(what)s wurden geändert, während Sie gearbeitet haben; laden Sie neu und versuchen Sie es erneut.",
        "%(what)s zijn gewijzigd terwijl u bezig was; laad opnieuw en probeer het nog eens.",
        "%(what)s ont changé pendant que vous travailliez ; rechargez et réessayez.",
    ),
    # timesheets.rounding_services
    "Choose an increment.": (
        "Wählen Sie eine Schrittweite.",
        "Kies een stapgrootte.",
        "Choisissez un pas.",
    ),
    "The increment must be one of %(choices)s minutes.": (
        "Die Schrittweite muss eine von %(choices)s Minuten sein.",
        "De stapgrootte moet een van %(choices)s minuten zijn.",
        "Le pas doit être l'une de ces valeurs : %(choices)s minutes.",
    ),
    "Choose a mode.": ("Wählen Sie einen Modus.", "Kies een modus.", "Choisissez un mode."),
    "The mode must be one of: %(choices)s.": (
        "Der Modus muss einer der folgenden sein: %(choices)s.",
        "De modus moet een van de volgende zijn: %(choices)s.",
        "Le mode doit être l'un des suivants : %(choices)s.",
    ),
}
