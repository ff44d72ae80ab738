"""Accounts and sign-in, two-factor, invitations, onboarding, imports, the audit log and report,
the error pages, and the texts of their views, forms and services."""

T = {
    # --- Error pages -----------------------------------------------------------------------------
    "Not allowed": ("Nicht erlaubt", "Niet toegestaan", "Non autorisé"),
    "Your role in %(organisation)s cannot do this. Ask an owner or manager if you need it.": (
        "Ihre Rolle in %(organisation)s darf das nicht. Wenden Sie sich an einen Inhaber oder"
        " Manager, wenn Sie es brauchen.",
        "Uw rol in %(organisation)s mag dit niet. Vraag het een eigenaar of manager als u het"
        " nodig hebt.",
        "Votre rôle dans %(organisation)s ne permet pas cela. Adressez-vous à un propriétaire ou"
        " à un responsable si vous en avez besoin.",
    ),
    "Your role in this organisation cannot do this. Ask an owner or manager if you need it.": (
        "Ihre Rolle in dieser Organisation darf das nicht. Wenden Sie sich an einen Inhaber oder"
        " Manager, wenn Sie es brauchen.",
        "Uw rol in deze organisatie mag dit niet. Vraag het een eigenaar of manager als u het"
        " nodig hebt.",
        "Votre rôle dans cette organisation ne permet pas cela. Adressez-vous à un propriétaire"
        " ou à un responsable si vous en avez besoin.",
    ),
    "Back to your time": ("Zurück zu Ihrer Zeit", "Terug naar uw tijd", "Retour à votre temps"),
    "Not found": ("Nicht gefunden", "Niet gevonden", "Introuvable"),
    "There is nothing here, or it belongs to another organisation.": (
        "Hier gibt es nichts, oder es gehört zu einer anderen Organisation.",
        "Hier is niets, of het hoort bij een andere organisatie.",
        "Il n'y a rien ici, ou cela appartient à une autre organisation.",
    ),
    # --- Sign-in, password ------------------------------------------------------------------------
    "Sign in": ("Anmelden", "Aanmelden", "Se connecter"),
    "Forgot your password?": (
        "Passwort vergessen?",
        "Wachtwoord vergeten?",
        "Mot de passe oublié ?",
    ),
    'New to Timeledger? <a href="%(signup_url)s" id="signup-link">Create an organisation</a>.': (
        'Neu bei Timeledger? <a href="%(signup_url)s" id="signup-link">Legen Sie eine'
        " Organisation an</a>.",
        'Nieuw bij Timeledger? <a href="%(signup_url)s" id="signup-link">Maak een organisatie'
        " aan</a>.",
        'Nouveau sur Timeledger ? <a href="%(signup_url)s" id="signup-link">Créez une'
        " organisation</a>.",
    ),
    "Signing in is paused": (
        "Anmeldung ist pausiert",
        "Aanmelden is gepauzeerd",
        "La connexion est suspendue",
    ),
    "Too many failed sign-ins": (
        "Zu viele fehlgeschlagene Anmeldungen",
        "Te veel mislukte aanmeldingen",
        "Trop de connexions échouées",
    ),
    "Signing in to this account from your address is paused after %(failure_limit)s wrong"
    " passwords.": (
        "Die Anmeldung bei diesem Konto von Ihrer Adresse aus ist nach %(failure_limit)s falschen"
        " Passwörtern pausiert.",
        "Aanmelden bij dit account vanaf uw adres is gepauzeerd na %(failure_limit)s verkeerde"
        " wachtwoorden.",
        "La connexion à ce compte depuis votre adresse est suspendue après %(failure_limit)s mots"
        " de passe erronés.",
    ),
    "Signing in to this account from your address is paused after %(failure_limit)s wrong"
    " passwords; try again in %(cooloff_timedelta)s.": (
        "Die Anmeldung bei diesem Konto von Ihrer Adresse aus ist nach %(failure_limit)s falschen"
        " Passwörtern pausiert; versuchen Sie es in %(cooloff_timedelta)s erneut.",
        "Aanmelden bij dit account vanaf uw adres is gepauzeerd na %(failure_limit)s verkeerde"
        " wachtwoorden; probeer het over %(cooloff_timedelta)s opnieuw.",
        "La connexion à ce compte depuis votre adresse est suspendue après %(failure_limit)s mots"
        " de passe erronés ; réessayez dans %(cooloff_timedelta)s.",
    ),
    'Forgot it? <a href="%(reset_url)s">Reset your password</a>. An administrator can lift the'
    " pause at once.": (
        'Vergessen? <a href="%(reset_url)s">Setzen Sie Ihr Passwort zurück</a>. Ein Administrator'
        " kann die Pause sofort aufheben.",
        'Vergeten? <a href="%(reset_url)s">Stel uw wachtwoord opnieuw in</a>. Een beheerder kan de'
        " pauze meteen opheffen.",
        'Oublié ? <a href="%(reset_url)s">Réinitialisez votre mot de passe</a>. Un administrateur'
        " peut lever la suspension immédiatement.",
    ),
    "No organisation": ("Keine Organisation", "Geen organisatie", "Aucune organisation"),
    "Your account is not a member of any organisation yet. Ask an admin to invite you.": (
        "Ihr Konto ist noch Mitglied keiner Organisation. Bitten Sie einen Administrator, Sie"
        " einzuladen.",
        "Uw account is nog geen lid van een organisatie. Vraag een beheerder u uit te nodigen.",
        "Votre compte n'est encore membre d'aucune organisation. Demandez à un administrateur de"
        " vous inviter.",
    ),
    "Change password": ("Passwort ändern", "Wachtwoord wijzigen", "Changer le mot de passe"),
    "Password changed": ("Passwort geändert", "Wachtwoord gewijzigd", "Mot de passe modifié"),
    "Back to work": ("Zurück an die Arbeit", "Terug naar het werk", "Retour au travail"),
    "Password set": ("Passwort festgelegt", "Wachtwoord ingesteld", "Mot de passe défini"),
    "Your new password works now.": (
        "Ihr neues Passwort gilt ab sofort.",
        "Uw nieuwe wachtwoord werkt nu.",
        "Votre nouveau mot de passe fonctionne désormais.",
    ),
    "Choose a new password": (
        "Neues Passwort wählen",
        "Kies een nieuw wachtwoord",
        "Choisissez un nouveau mot de passe",
    ),
    "Set password": ("Passwort festlegen", "Wachtwoord instellen", "Définir le mot de passe"),
    "This link does not work": (
        "Dieser Link funktioniert nicht",
        "Deze link werkt niet",
        "Ce lien ne fonctionne pas",
    ),
    "The password reset link is invalid or was used already.": (
        "Der Link zum Zurücksetzen des Passworts ist ungültig oder wurde schon benutzt.",
        "De link om het wachtwoord opnieuw in te stellen is ongeldig of al gebruikt.",
        "Le lien de réinitialisation du mot de passe est invalide ou a déjà servi.",
    ),
    "Ask for a new link": (
        "Neuen Link anfordern",
        "Vraag een nieuwe link aan",
        "Demander un nouveau lien",
    ),
    "Check your e-mail": (
        "Prüfen Sie Ihr E-Mail-Postfach",
        "Controleer uw e-mail",
        "Consultez vos e-mails",
    ),
    "If an account uses that address, a link to choose a new password is on its way. The link"
    " works once.": (
        "Falls ein Konto diese Adresse verwendet, ist ein Link zum Wählen eines neuen Passworts"
        " unterwegs. Der Link ist nur einmal gültig.",
        "Als een account dat adres gebruikt, is er een link onderweg om een nieuw wachtwoord te"
        " kiezen. De link werkt één keer.",
        "Si un compte utilise cette adresse, un lien pour choisir un nouveau mot de passe est en"
        " route. Le lien ne fonctionne qu'une fois.",
    ),
    "Back to sign in": ("Zurück zur Anmeldung", "Terug naar aanmelden", "Retour à la connexion"),
    "Reset your password": (
        "Passwort zurücksetzen",
        "Wachtwoord opnieuw instellen",
        "Réinitialiser votre mot de passe",
    ),
    "Give the e-mail you sign in with; we send a link to choose a new password.": (
        "Geben Sie die E-Mail an, mit der Sie sich anmelden; wir senden einen Link zum Wählen"
        " eines neuen Passworts.",
        "Geef het e-mailadres waarmee u zich aanmeldt; we sturen een link om een nieuw wachtwoord"
        " te kiezen.",
        "Indiquez l'e-mail avec lequel vous vous connectez ; nous envoyons un lien pour choisir"
        " un nouveau mot de passe.",
    ),
    "Send the link": ("Link senden", "Link versturen", "Envoyer le lien"),
    # --- Invitations ------------------------------------------------------------------------------
    "Invitation": ("Einladung", "Uitnodiging", "Invitation"),
    "This invitation cannot be used": (
        "Diese Einladung kann nicht verwendet werden",
        "Deze uitnodiging kan niet worden gebruikt",
        "Cette invitation ne peut pas être utilisée",
    ),
    "Join %(organisation)s": (
        "%(organisation)s beitreten",
        "Lid worden van %(organisation)s",
        "Rejoindre %(organisation)s",
    ),
    "%(by)s invites <strong>%(email)s</strong> as %(role)s.": (
        "%(by)s lädt <strong>%(email)s</strong> als %(role)s ein.",
        "%(by)s nodigt <strong>%(email)s</strong> uit als %(role)s.",
        "%(by)s invite <strong>%(email)s</strong> en tant que %(role)s.",
    ),
    "You are invited <strong>%(email)s</strong> as %(role)s.": (
        "Sie sind eingeladen: <strong>%(email)s</strong> als %(role)s.",
        "U bent uitgenodigd: <strong>%(email)s</strong> als %(role)s.",
        "Vous êtes invité : <strong>%(email)s</strong> en tant que %(role)s.",
    ),
    "This e-mail has a Timeledger account already: give its password to join.": (
        "Diese E-Mail hat bereits ein Timeledger-Konto: Geben Sie dessen Passwort ein, um"
        " beizutreten.",
        "Dit e-mailadres heeft al een Timeledger-account: geef het wachtwoord ervan om lid te"
        " worden.",
        "Cet e-mail a déjà un compte Timeledger : saisissez son mot de passe pour rejoindre.",
    ),
    # --- Two-factor sign-in -----------------------------------------------------------------------
    "Two-factor sign-in": (
        "Zwei-Faktor-Anmeldung",
        "Aanmelden in twee stappen",
        "Connexion à deux facteurs",
    ),
    "On: every sign-in asks for a code from your authenticator app. <strong"
    ' id="codes-left">%(counter)s</strong> recovery code left.': (
        (
            "Aktiv: Jede Anmeldung fragt nach einem Code aus Ihrer Authenticator-App. <strong"
            ' id="codes-left">%(counter)s</strong> Wiederherstellungscode übrig.',
            "Aktiv: Jede Anmeldung fragt nach einem Code aus Ihrer Authenticator-App. <strong"
            ' id="codes-left">%(counter)s</strong> Wiederherstellungscodes übrig.',
        ),
        (
            "Aan: bij elke aanmelding wordt om een code uit uw authenticator-app gevraagd. <strong"
            ' id="codes-left">%(counter)s</strong> herstelcode over.',
            "Aan: bij elke aanmelding wordt om een code uit uw authenticator-app gevraagd. <strong"
            ' id="codes-left">%(counter)s</strong> herstelcodes over.',
        ),
        (
            "Activée : chaque connexion demande un code de votre application d'authentification."
            ' <strong id="codes-left">%(counter)s</strong> code de secours restant.',
            "Activée : chaque connexion demande un code de votre application d'authentification."
            ' <strong id="codes-left">%(counter)s</strong> codes de secours restants.',
        ),
    ),
    "Password (to make new recovery codes)": (
        "Passwort (für neue Wiederherstellungscodes)",
        "Wachtwoord (om nieuwe herstelcodes te maken)",
        "Mot de passe (pour créer de nouveaux codes de secours)",
    ),
    "New recovery codes": (
        "Neue Wiederherstellungscodes",
        "Nieuwe herstelcodes",
        "Nouveaux codes de secours",
    ),
    "Password (to turn it off)": (
        "Passwort (zum Ausschalten)",
        "Wachtwoord (om het uit te zetten)",
        "Mot de passe (pour la désactiver)",
    ),
    "Turn two-factor sign-in off": (
        "Zwei-Faktor-Anmeldung ausschalten",
        "Aanmelden in twee stappen uitzetten",
        "Désactiver la connexion à deux facteurs",
    ),
    "%(organisation)s requires it for your role.": (
        "%(organisation)s verlangt sie für Ihre Rolle.",
        "%(organisation)s vereist het voor uw rol.",
        "%(organisation)s l'exige pour votre rôle.",
    ),
    "%(organisation)s requires two-factor sign-in for your role: set it up to go on.": (
        "%(organisation)s verlangt für Ihre Rolle die Zwei-Faktor-Anmeldung: Richten Sie sie ein,"
        " um fortzufahren.",
        "%(organisation)s vereist voor uw rol aanmelden in twee stappen: stel het in om verder te"
        " gaan.",
        "%(organisation)s exige la connexion à deux facteurs pour votre rôle : configurez-la pour"
        " continuer.",
    ),
    "1. Scan this code with an authenticator app (e.g. Aegis, FreeOTP, Google Authenticator,"
    " 1Password).": (
        "1. Scannen Sie diesen Code mit einer Authenticator-App (z. B. Aegis, FreeOTP, Google"
        " Authenticator, 1Password).",
        "1. Scan deze code met een authenticator-app (bijv. Aegis, FreeOTP, Google Authenticator,"
        " 1Password).",
        "1. Scannez ce code avec une application d'authentification (p. ex. Aegis, FreeOTP,"
        " Google Authenticator, 1Password).",
    ),
    "QR code": ("QR-Code", "QR-code", "QR code"),
    "Or type the key:": (
        "Oder tippen Sie den Schlüssel ein:",
        "Of typ de sleutel over:",
        "Ou saisissez la clé :",
    ),
    "2. Give the 6-digit code the app shows.": (
        "2. Geben Sie den 6-stelligen Code ein, den die App anzeigt.",
        "2. Geef de 6-cijferige code die de app toont.",
        "2. Saisissez le code à 6 chiffres affiché par l'application.",
    ),
    "one-time code\x04Code": ("Code", "Code", "Code"),
    "Turn on": ("Einschalten", "Aanzetten", "Activer"),
    "Recovery codes": ("Wiederherstellungscodes", "Herstelcodes", "Codes de secours"),
    "Your recovery codes": (
        "Ihre Wiederherstellungscodes",
        "Uw herstelcodes",
        "Vos codes de secours",
    ),
    "Keep them somewhere safe. Each works once, instead of a code from the app, if you lose your"
    " phone. They are shown only now.": (
        "Bewahren Sie sie sicher auf. Jeder gilt einmal, anstelle eines Codes aus der App, falls"
        " Sie Ihr Telefon verlieren. Sie werden nur jetzt angezeigt.",
        "Bewaar ze op een veilige plek. Elke code werkt één keer, in plaats van een code uit de"
        " app, als u uw telefoon kwijtraakt. Ze worden alleen nu getoond.",
        "Conservez-les en lieu sûr. Chacun fonctionne une fois, à la place d'un code de"
        " l'application, si vous perdez votre téléphone. Ils ne sont affichés que maintenant.",
    ),
    "leave a finished step\x04Done": ("Fertig", "Klaar", "Terminé"),
    "Give the 6-digit code from your authenticator app, or one of your recovery codes.": (
        "Geben Sie den 6-stelligen Code aus Ihrer Authenticator-App oder einen Ihrer"
        " Wiederherstellungscodes ein.",
        "Geef de 6-cijferige code uit uw authenticator-app, of een van uw herstelcodes.",
        "Saisissez le code à 6 chiffres de votre application d'authentification, ou l'un de vos"
        " codes de secours.",
    ),
    "Verify": ("Bestätigen", "Controleren", "Vérifier"),
    # --- Audit log ------------------------------------------------------------------------------
    "append-only": ("unveränderlich", "onveranderlijk", "inaltérable"),
    "Search": ("Suche", "Zoeken", "Recherche"),
    "object, reason, e-mail": (
        "Objekt, Grund, E-Mail",
        "object, reden, e-mail",
        "objet, motif, e-mail",
    ),
    "Actor e-mail": (
        "E-Mail der handelnden Person",
        "E-mail van de uitvoerder",
        "E-mail de l'auteur",
    ),
    "Object type": ("Objekttyp", "Objecttype", "Type d'objet"),
    "any": ("alle", "alle", "tous"),
    "Object id": ("Objekt-ID", "Object-id", "ID de l'objet"),
    "Action": ("Aktion", "Actie", "Action"),
    "date range\x04To": ("Bis", "Tot", "Au"),
    "Filter": ("Filtern", "Filteren", "Filtrer"),
    "Clear": ("Zurücksetzen", "Wissen", "Effacer"),
    "Some filters are not valid:": (
        "Einige Filter sind ungültig:",
        "Sommige filters zijn ongeldig:",
        "Certains filtres ne sont pas valides :",
    ),
    "When": ("Wann", "Wanneer", "Quand"),
    "Who": ("Wer", "Wie", "Qui"),
    "Object": ("Objekt", "Object", "Objet"),
    "Changes": ("Änderungen", "Wijzigingen", "Modifications"),
    "system": ("System", "systeem", "système"),
    "History of this object": (
        "Verlauf dieses Objekts",
        "Geschiedenis van dit object",
        "Historique de cet objet",
    ),
    "… %(more)s more": ("… %(more)s weitere", "… nog %(more)s", "… %(more)s de plus"),
    "Nothing recorded matches.": (
        "Nichts Aufgezeichnetes passt.",
        "Niets vastgelegds komt overeen.",
        "Rien d'enregistré ne correspond.",
    ),
    "Newer": ("Neuer", "Nieuwer", "Plus récent"),
    "Older": ("Älter", "Ouder", "Plus ancien"),
    "Page %(number)s of %(pages)s · %(counter)s row": (
        (
            "Seite %(number)s von %(pages)s · %(counter)s Zeile",
            "Seite %(number)s von %(pages)s · %(counter)s Zeilen",
        ),
        (
            "Pagina %(number)s van %(pages)s · %(counter)s rij",
            "Pagina %(number)s van %(pages)s · %(counter)s rijen",
        ),
        (
            "Page %(number)s sur %(pages)s · %(counter)s ligne",
            "Page %(number)s sur %(pages)s · %(counter)s lignes",
        ),
    ),
    # --- Imports --------------------------------------------------------------------------------
    "Import time": ("Zeit importieren", "Tijd importeren", "Importer du temps"),
    "Upload an export of Toggl Track (detailed CSV), Harvest (detailed time CSV), Clockify"
    " (detailed CSV), Kimai (CSV or XLSX) or Watson (<code>watson log --json</code> or its frames"
    " file). You see a preview first; nothing is written until you commit.": (
        "Laden Sie einen Export von Toggl Track (detaillierte CSV), Harvest (detaillierte"
        " Zeit-CSV), Clockify (detaillierte CSV), Kimai (CSV oder XLSX) oder Watson (<code>watson"
        " log --json</code> oder seine frames-Datei) hoch. Sie sehen zuerst eine Vorschau;"
        " geschrieben wird erst, wenn Sie übernehmen.",
        "Upload een export van Toggl Track (gedetailleerde CSV), Harvest (gedetailleerde"
        " tijd-CSV), Clockify (gedetailleerde CSV), Kimai (CSV of XLSX) of Watson (<code>watson"
        " log --json</code> of het frames-bestand). U ziet eerst een voorbeeld; er wordt niets"
        " geschreven tot u vastlegt.",
        "Téléversez un export de Toggl Track (CSV détaillé), Harvest (CSV détaillé des temps),"
        " Clockify (CSV détaillé), Kimai (CSV ou XLSX) ou Watson (<code>watson log --json</code>"
        " ou son fichier frames). Vous voyez d'abord un aperçu ; rien n'est écrit avant que vous"
        " ne validiez.",
    ),
    "File": ("Datei", "Bestand", "Fichier"),
    "Format": ("Format", "Formaat", "Format"),
    "Detect from the file": (
        "Aus der Datei erkennen",
        "Uit het bestand afleiden",
        "Détecter d'après le fichier",
    ),
    "Time zone of the file's times": (
        "Zeitzone der Zeiten in der Datei",
        "Tijdzone van de tijden in het bestand",
        "Fuseau horaire des heures du fichier",
    ),
    "Use the file's rates as the entries' rates (managers)": (
        "Die Sätze der Datei als Sätze der Einträge verwenden (Manager)",
        "De tarieven uit het bestand gebruiken als tarieven van de boekingen (managers)",
        "Utiliser les taux du fichier comme taux des saisies (responsables)",
    ),
    "Time invoiced in the source is billed already (never billed again here)": (
        "In der Quelle berechnete Zeit ist bereits abgerechnet (wird hier nie erneut abgerechnet)",
        "In de bron gefactureerde tijd is al gefactureerd (wordt hier nooit opnieuw gefactureerd)",
        "Le temps facturé dans la source est déjà facturé (jamais refacturé ici)",
    ),
    "Preview": ("Vorschau", "Voorbeeld", "Aperçu"),
    "Imports": ("Importe", "Imports", "Imports"),
    "Entries created": ("Angelegte Einträge", "Aangemaakte boekingen", "Saisies créées"),
    "No imports yet.": ("Noch keine Importe.", "Nog geen imports.", "Aucun import pour l'instant."),
    "Import #%(pk)s": ("Import #%(pk)s", "Import #%(pk)s", "Import n° %(pk)s"),
    "<strong>%(format)s</strong>, time zone <strong>%(zone)s</strong>. Times read as %(timing)s.": (
        "<strong>%(format)s</strong>, Zeitzone <strong>%(zone)s</strong>. Zeiten gelesen als"
        " %(timing)s.",
        "<strong>%(format)s</strong>, tijdzone <strong>%(zone)s</strong>. Tijden gelezen als"
        " %(timing)s.",
        "<strong>%(format)s</strong>, fuseau horaire <strong>%(zone)s</strong>. Heures lues"
        " comme %(timing)s.",
    ),
    "%(counter)s row: %(new)s imported, %(duplicate)s already imported, %(changed)s changed in"
    " the source, %(invalid)s cannot be imported.": (
        (
            "%(counter)s Zeile: %(new)s importiert, %(duplicate)s bereits importiert, %(changed)s"
            " in der Quelle geändert, %(invalid)s nicht importierbar.",
            "%(counter)s Zeilen: %(new)s importiert, %(duplicate)s bereits importiert,"
            " %(changed)s in der Quelle geändert, %(invalid)s nicht importierbar.",
        ),
        (
            "%(counter)s rij: %(new)s geïmporteerd, %(duplicate)s al geïmporteerd, %(changed)s"
            " gewijzigd in de bron, %(invalid)s niet te importeren.",
            "%(counter)s rijen: %(new)s geïmporteerd, %(duplicate)s al geïmporteerd, %(changed)s"
            " gewijzigd in de bron, %(invalid)s niet te importeren.",
        ),
        (
            "%(counter)s ligne : %(new)s importées, %(duplicate)s déjà importées, %(changed)s"
            " modifiées dans la source, %(invalid)s impossibles à importer.",
            "%(counter)s lignes : %(new)s importées, %(duplicate)s déjà importées, %(changed)s"
            " modifiées dans la source, %(invalid)s impossibles à importer.",
        ),
    ),
    "%(counter)s row: %(new)s to import, %(duplicate)s already imported, %(changed)s changed in"
    " the source, %(invalid)s cannot be imported.": (
        (
            "%(counter)s Zeile: %(new)s zu importieren, %(duplicate)s bereits importiert,"
            " %(changed)s in der Quelle geändert, %(invalid)s nicht importierbar.",
            "%(counter)s Zeilen: %(new)s zu importieren, %(duplicate)s bereits importiert,"
            " %(changed)s in der Quelle geändert, %(invalid)s nicht importierbar.",
        ),
        (
            "%(counter)s rij: %(new)s te importeren, %(duplicate)s al geïmporteerd, %(changed)s"
            " gewijzigd in de bron, %(invalid)s niet te importeren.",
            "%(counter)s rijen: %(new)s te importeren, %(duplicate)s al geïmporteerd, %(changed)s"
            " gewijzigd in de bron, %(invalid)s niet te importeren.",
        ),
        (
            "%(counter)s ligne : %(new)s à importer, %(duplicate)s déjà importées, %(changed)s"
            " modifiées dans la source, %(invalid)s impossibles à importer.",
            "%(counter)s lignes : %(new)s à importer, %(duplicate)s déjà importées, %(changed)s"
            " modifiées dans la source, %(invalid)s impossibles à importer.",
        ),
    ),
    "Mapping": ("Zuordnung", "Koppeling", "Correspondance"),
    "Each name in the file goes to an existing client, project, task or person, or one is"
    " created. Change any of them, then update the preview.": (
        "Jeder Name in der Datei wird einem vorhandenen Kunden, Projekt, einer Aufgabe oder"
        " Person zugeordnet, oder er wird angelegt. Ändern Sie beliebige davon und aktualisieren"
        " Sie dann die Vorschau.",
        "Elke naam in het bestand gaat naar een bestaande klant, project, taak of persoon, of er"
        " wordt er een aangemaakt. Wijzig wat u wilt en werk dan het voorbeeld bij.",
        "Chaque nom du fichier va vers un client, un projet, une tâche ou une personne existants,"
        " ou l'un d'eux est créé. Modifiez ceux que vous voulez, puis mettez à jour l'aperçu.",
    ),
    "In the file": ("In der Datei", "In het bestand", "Dans le fichier"),
    "Kind": ("Art", "Soort", "Type"),
    "Rows": ("Zeilen", "Rijen", "Lignes"),
    "Goes to": ("Ziel", "Gaat naar", "Destination"),
    "Map %(label)s": ("%(label)s zuordnen", "%(label)s koppelen", "Associer %(label)s"),
    "choose one": ("bitte wählen", "kies er een", "choisissez"),
    "Create %(target)s": ("%(target)s anlegen", "%(target)s aanmaken", "Créer %(target)s"),
    "Create a new one": ("Neu anlegen", "Nieuw aanmaken", "En créer un nouveau"),
    "Update preview": ("Vorschau aktualisieren", "Voorbeeld bijwerken", "Mettre à jour l'aperçu"),
    "Import %(counter)s entry": (
        ("%(counter)s Eintrag importieren", "%(counter)s Einträge importieren"),
        ("%(counter)s boeking importeren", "%(counter)s boekingen importeren"),
        ("Importer %(counter)s saisie", "Importer %(counter)s saisies"),
    ),
    "Per client and project": (
        "Nach Kunde und Projekt",
        "Per klant en project",
        "Par client et projet",
    ),
    "Amounts in the file": (
        "Beträge in der Datei",
        "Bedragen in het bestand",
        "Montants du fichier",
    ),
    "invoiced in the source": (
        "in der Quelle berechnet",
        "gefactureerd in de bron",
        "facturé dans la source",
    ),
    "%(counter)s billed": (
        ("%(counter)s abgerechnet", "%(counter)s abgerechnet"),
        ("%(counter)s gefactureerd", "%(counter)s gefactureerd"),
        ("%(counter)s facturée", "%(counter)s facturées"),
    ),
    "Nothing to import.": ("Nichts zu importieren.", "Niets te importeren.", "Rien à importer."),
    "Rows not imported": (
        "Nicht importierte Zeilen",
        "Niet geïmporteerde rijen",
        "Lignes non importées",
    ),
    "Only the first %(listed)s are listed; %(counter)s row in all cannot be imported.": (
        (
            "Nur die ersten %(listed)s sind aufgeführt; insgesamt ist %(counter)s Zeile nicht"
            " importierbar.",
            "Nur die ersten %(listed)s sind aufgeführt; insgesamt sind %(counter)s Zeilen nicht"
            " importierbar.",
        ),
        (
            "Alleen de eerste %(listed)s staan hier; in totaal is %(counter)s rij niet te"
            " importeren.",
            "Alleen de eerste %(listed)s staan hier; in totaal zijn %(counter)s rijen niet te"
            " importeren.",
        ),
        (
            "Seules les %(listed)s premières sont listées ; au total, %(counter)s ligne ne peut"
            " pas être importée.",
            "Seules les %(listed)s premières sont listées ; au total, %(counter)s lignes ne"
            " peuvent pas être importées.",
        ),
    ),
    "Undo removes every entry of this import and what it created, as long as none of them is"
    " approved or billed.": (
        "Rückgängig machen entfernt jeden Eintrag dieses Imports und alles, was er angelegt hat,"
        " solange keiner davon freigegeben oder abgerechnet ist.",
        "Ongedaan maken verwijdert elke boeking van deze import en wat die heeft aangemaakt,"
        " zolang geen ervan is goedgekeurd of gefactureerd.",
        "Annuler supprime chaque saisie de cet import et ce qu'il a créé, tant qu'aucune n'est"
        " validée ni facturée.",
    ),
    "Undo this import": (
        "Diesen Import rückgängig machen",
        "Deze import ongedaan maken",
        "Annuler cet import",
    ),
    "Waiting for a worker": (
        "Wartet auf einen Worker",
        "Wacht op een worker",
        "En attente d'un processus de traitement",
    ),
    "%(done)s of %(counter)s row (%(percent)s %%)": (
        (
            "%(done)s von %(counter)s Zeile (%(percent)s %%)",
            "%(done)s von %(counter)s Zeilen (%(percent)s %%)",
        ),
        (
            "%(done)s van %(counter)s rij (%(percent)s%%)",
            "%(done)s van %(counter)s rijen (%(percent)s%%)",
        ),
        (
            "%(done)s sur %(counter)s ligne (%(percent)s %%)",
            "%(done)s sur %(counter)s lignes (%(percent)s %%)",
        ),
    ),
    # The import statuses (integrations.models.STATUS_NAMES).
    "Previewed (nothing written)": (
        "Vorschau (nichts geschrieben)",
        "Voorbeeld (niets geschreven)",
        "Aperçu (rien d'écrit)",
    ),
    "Committing in the background": (
        "Wird im Hintergrund übernommen",
        "Wordt op de achtergrond vastgelegd",
        "Validation en arrière-plan",
    ),
    "Committed": ("Übernommen", "Vastgelegd", "Validé"),
    "Undone": ("Rückgängig gemacht", "Ongedaan gemaakt", "Annulé"),
    "Failed": ("Fehlgeschlagen", "Mislukt", "Échoué"),
    # --- Sign-up and first run --------------------------------------------------------------------
    "Create your organisation": (
        "Ihre Organisation anlegen",
        "Uw organisatie aanmaken",
        "Créez votre organisation",
    ),
    "You become its owner; invite your team once you are in.": (
        "Sie werden ihr Inhaber; laden Sie Ihr Team ein, sobald Sie angemeldet sind.",
        "U wordt de eigenaar; nodig uw team uit zodra u binnen bent.",
        "Vous en devenez le propriétaire ; invitez votre équipe une fois connecté.",
    ),
    'Have an account? <a href="%(login_url)s">Sign in</a>.': (
        'Sie haben ein Konto? <a href="%(login_url)s">Anmelden</a>.',
        'Hebt u een account? <a href="%(login_url)s">Aanmelden</a>.',
        'Vous avez un compte ? <a href="%(login_url)s">Connectez-vous</a>.',
    ),
    "Welcome": ("Willkommen", "Welkom", "Bienvenue"),
    "Welcome to Timeledger": (
        "Willkommen bei Timeledger",
        "Welkom bij Timeledger",
        "Bienvenue dans Timeledger",
    ),
    "This installation has no organisation yet. Create yours and its owner account: you will sign"
    " in with this e-mail and password, set up your organisation's details and invite your"
    " team.": (
        "Diese Installation hat noch keine Organisation. Legen Sie Ihre und deren Inhaberkonto"
        " an: Sie melden sich mit dieser E-Mail und diesem Passwort an, erfassen die Angaben"
        " Ihrer Organisation und laden Ihr Team ein.",
        "Deze installatie heeft nog geen organisatie. Maak de uwe en het eigenaarsaccount aan: u"
        " meldt zich aan met dit e-mailadres en wachtwoord, vult de gegevens van uw organisatie"
        " in en nodigt uw team uit.",
        "Cette installation n'a pas encore d'organisation. Créez la vôtre et son compte"
        " propriétaire : vous vous connecterez avec cet e-mail et ce mot de passe, renseignerez"
        " les informations de votre organisation et inviterez votre équipe.",
    ),
    # --- Weekly audit report, entries behind a figure -------------------------------------------
    "Weekly audit · week %(week)s": (
        "Wochenprüfung · Woche %(week)s",
        "Weekcontrole · week %(week)s",
        "Contrôle hebdomadaire · semaine %(week)s",
    ),
    "week %(week)s, %(start)s – %(end)s": (
        "Woche %(week)s, %(start)s – %(end)s",
        "week %(week)s, %(start)s – %(end)s",
        "semaine %(week)s, %(start)s – %(end)s",
    ),
    "Backlogs (submitted, approved-not-billed older than %(counter)s day) include everything up"
    " to the end of the week. Missing time counts working days that have passed, per member's"
    " capacity; it is left out when filtering by client or project.": (
        (
            "Rückstände (eingereicht, freigegeben und nicht abgerechnet älter als %(counter)s"
            " Tag) umfassen alles bis zum Ende der Woche. Fehlende Zeit zählt vergangene"
            " Arbeitstage nach der Kapazität jedes Mitarbeiters; sie entfällt beim Filtern nach"
            " Kunde oder Projekt.",
            "Rückstände (eingereicht, freigegeben und nicht abgerechnet älter als %(counter)s"
            " Tage) umfassen alles bis zum Ende der Woche. Fehlende Zeit zählt vergangene"
            " Arbeitstage nach der Kapazität jedes Mitarbeiters; sie entfällt beim Filtern nach"
            " Kunde oder Projekt.",
        ),
        (
            "Achterstanden (ingediend, goedgekeurd-niet-gefactureerd ouder dan %(counter)s dag)"
            " omvatten alles tot het einde van de week. Ontbrekende tijd telt verstreken werkdagen"
            " volgens de capaciteit van elke medewerker; die valt weg bij filteren op klant of"
            " project.",
            "Achterstanden (ingediend, goedgekeurd-niet-gefactureerd ouder dan %(counter)s dagen)"
            " omvatten alles tot het einde van de week. Ontbrekende tijd telt verstreken werkdagen"
            " volgens de capaciteit van elke medewerker; die valt weg bij filteren op klant of"
            " project.",
        ),
        (
            "Les retards (soumis, validés non facturés depuis plus de %(counter)s jour) incluent"
            " tout jusqu'à la fin de la semaine. Le temps manquant compte les jours ouvrés écoulés,"
            " selon la capacité de chaque collaborateur ; il est omis lors d'un filtre par client"
            " ou projet.",
            "Les retards (soumis, validés non facturés depuis plus de %(counter)s jours) incluent"
            " tout jusqu'à la fin de la semaine. Le temps manquant compte les jours ouvrés écoulés,"
            " selon la capacité de chaque collaborateur ; il est omis lors d'un filtre par client"
            " ou projet.",
        ),
    ),
    "%(counter)s finding": (
        ("%(counter)s Befund", "%(counter)s Befunde"),
        ("%(counter)s bevinding", "%(counter)s bevindingen"),
        ("%(counter)s constat", "%(counter)s constats"),
    ),
    "Finding": ("Befund", "Bevinding", "Constat"),
    "Fix": ("Beheben", "Oplossen", "Corriger"),
    "earlier week": ("frühere Woche", "eerdere week", "semaine antérieure"),
    "Nothing to fix in this week.": (
        "In dieser Woche gibt es nichts zu beheben.",
        "Deze week is er niets op te lossen.",
        "Rien à corriger cette semaine.",
    ),
    "Entries behind a figure": (
        "Einträge hinter einer Zahl",
        "Boekingen achter een cijfer",
        "Saisies derrière un chiffre",
    ),
    "behind the figure": ("hinter der Zahl", "achter het cijfer", "derrière le chiffre"),
    "No entries.": ("Keine Einträge.", "Geen boekingen.", "Aucune saisie."),
    "The first 500 entries.": (
        "Die ersten 500 Einträge.",
        "De eerste 500 boekingen.",
        "Les 500 premières saisies.",
    ),
    # --- Members, invitations and two-factor: the views' messages ----------------------------------
    "Your role cannot manage members.": (
        "Ihre Rolle darf keine Mitglieder verwalten.",
        "Uw rol mag geen leden beheren.",
        "Votre rôle ne permet pas de gérer les membres.",
    ),
    "A new link went to %(email)s; the old one no longer works.": (
        "Ein neuer Link ging an %(email)s; der alte funktioniert nicht mehr.",
        "Er is een nieuwe link naar %(email)s gestuurd; de oude werkt niet meer.",
        "Un nouveau lien a été envoyé à %(email)s ; l'ancien ne fonctionne plus.",
    ),
    "The invitation of %(email)s is withdrawn.": (
        "Die Einladung an %(email)s ist zurückgezogen.",
        "De uitnodiging van %(email)s is ingetrokken.",
        "L'invitation de %(email)s est retirée.",
    ),
    "%(member)s updated.": (
        "%(member)s aktualisiert.",
        "%(member)s bijgewerkt.",
        "%(member)s mis à jour.",
    ),
    "Welcome to %(organisation)s.": (
        "Willkommen bei %(organisation)s.",
        "Welkom bij %(organisation)s.",
        "Bienvenue chez %(organisation)s.",
    ),
    "%(count)s recovery code left; make new ones under Two-factor.": (
        (
            "Noch %(count)s Wiederherstellungscode; erstellen Sie neue unter Zwei-Faktor.",
            "Noch %(count)s Wiederherstellungscodes; erstellen Sie neue unter Zwei-Faktor.",
        ),
        (
            "Nog %(count)s herstelcode over; maak nieuwe aan onder Tweestaps.",
            "Nog %(count)s herstelcodes over; maak nieuwe aan onder Tweestaps.",
        ),
        (
            "Il reste %(count)s code de secours ; créez-en de nouveaux sous Double authentification.",
            "Il reste %(count)s codes de secours ; créez-en de nouveaux sous Double authentification.",
        ),
    ),
    "That code is not right (a recovery code works once).": (
        "Dieser Code stimmt nicht (ein Wiederherstellungscode gilt nur einmal).",
        "Die code klopt niet (een herstelcode werkt één keer).",
        "Ce code n'est pas correct (un code de secours ne fonctionne qu'une fois).",
    ),
    "Two-factor sign-in is off.": (
        "Die Zwei-Faktor-Anmeldung ist ausgeschaltet.",
        "Aanmelden in twee stappen staat uit.",
        "La connexion à deux facteurs est désactivée.",
    ),
    # --- Accounts: forms and services' messages ----------------------------------------------------
    "You may not see the audit log.": (
        "Sie dürfen das Prüfprotokoll nicht sehen.",
        "U mag de auditlog niet inzien.",
        "Vous ne pouvez pas consulter le journal d'audit.",
    ),
    "First name": ("Vorname", "Voornaam", "Prénom"),
    "Last name": ("Nachname", "Achternaam", "Nom"),
    "Your password": ("Ihr Passwort", "Uw wachtwoord", "Votre mot de passe"),
    "Choose a password": ("Passwort wählen", "Kies een wachtwoord", "Choisissez un mot de passe"),
    "%(email)s is already a member.": (
        "%(email)s ist bereits Mitglied.",
        "%(email)s is al lid.",
        "%(email)s est déjà membre.",
    ),
    "%(email)s is invited already; resend the invitation instead.": (
        "%(email)s ist bereits eingeladen; senden Sie die Einladung stattdessen erneut.",
        "%(email)s is al uitgenodigd; verstuur de uitnodiging in plaats daarvan opnieuw.",
        "%(email)s est déjà invité ; renvoyez plutôt l'invitation.",
    ),
    "Choose a role.": ("Wählen Sie eine Rolle.", "Kies een rol.", "Choisissez un rôle."),
    "Give a valid e-mail address.": (
        "Geben Sie eine gültige E-Mail-Adresse an.",
        "Geef een geldig e-mailadres.",
        "Indiquez une adresse e-mail valide.",
    ),
    "Give your first name.": (
        "Geben Sie Ihren Vornamen an.",
        "Geef uw voornaam.",
        "Indiquez votre prénom.",
    ),
    "Not found.": ("Nicht gefunden.", "Niet gevonden.", "Introuvable."),
    "This e-mail has an account already: give its password.": (
        "Diese E-Mail hat bereits ein Konto: Geben Sie dessen Passwort ein.",
        "Dit e-mailadres heeft al een account: geef het wachtwoord ervan.",
        "Cet e-mail a déjà un compte : saisissez son mot de passe.",
    ),
    "This invitation cannot be used.": (
        "Diese Einladung kann nicht verwendet werden.",
        "Deze uitnodiging kan niet worden gebruikt.",
        "Cette invitation ne peut pas être utilisée.",
    ),
    "This invitation expired on %(day)s; ask %(who)s to send a new one.": (
        "Diese Einladung ist am %(day)s abgelaufen; bitten Sie %(who)s um eine neue.",
        "Deze uitnodiging is verlopen op %(day)s; vraag %(who)s een nieuwe te sturen.",
        "Cette invitation a expiré le %(day)s ; demandez à %(who)s d'en envoyer une nouvelle.",
    ),
    "This invitation expired on %(day)s; ask an admin to send a new one.": (
        "Diese Einladung ist am %(day)s abgelaufen; bitten Sie einen Administrator um eine neue.",
        "Deze uitnodiging is verlopen op %(day)s; vraag een beheerder een nieuwe te sturen.",
        "Cette invitation a expiré le %(day)s ; demandez à un administrateur d'en envoyer une"
        " nouvelle.",
    ),
    "This invitation is %(status)s already.": (
        "Diese Einladung ist bereits %(status)s.",
        "Deze uitnodiging is al %(status)s.",
        "Cette invitation est déjà %(status)s.",
    ),
    "This invitation is %(status)s; it cannot be sent again. Invite the address anew.": (
        "Diese Einladung ist %(status)s; sie kann nicht erneut gesendet werden. Laden Sie die"
        " Adresse neu ein.",
        "Deze uitnodiging is %(status)s; ze kan niet opnieuw worden verstuurd. Nodig het adres"
        " opnieuw uit.",
        "Cette invitation est %(status)s ; elle ne peut pas être renvoyée. Invitez de nouveau"
        " l'adresse.",
    ),
    "This invitation link is not valid. Ask for a new invitation.": (
        "Dieser Einladungslink ist ungültig. Bitten Sie um eine neue Einladung.",
        "Deze uitnodigingslink is ongeldig. Vraag om een nieuwe uitnodiging.",
        "Ce lien d'invitation n'est pas valide. Demandez une nouvelle invitation.",
    ),
    "This invitation link was used already; sign in instead.": (
        "Dieser Einladungslink wurde bereits benutzt; melden Sie sich stattdessen an.",
        "Deze uitnodigingslink is al gebruikt; meld u in plaats daarvan aan.",
        "Ce lien d'invitation a déjà servi ; connectez-vous plutôt.",
    ),
    "This invitation was withdrawn. Ask for a new one if you still need access.": (
        "Diese Einladung wurde zurückgezogen. Bitten Sie um eine neue, wenn Sie weiterhin"
        " Zugang brauchen.",
        "Deze uitnodiging is ingetrokken. Vraag om een nieuwe als u nog toegang nodig hebt.",
        "Cette invitation a été retirée. Demandez-en une nouvelle si vous avez encore besoin"
        " d'un accès.",
    ),
    "Your role cannot invite or manage members.": (
        "Ihre Rolle darf keine Mitglieder einladen oder verwalten.",
        "Uw rol mag geen leden uitnodigen of beheren.",
        "Votre rôle ne permet pas d'inviter ni de gérer des membres.",
    ),
    "invitation\x04accepted": ("angenommen", "geaccepteerd", "acceptée"),
    "invitation\x04revoked": ("zurückgezogen", "ingetrokken", "retirée"),
    "A %(country)s IBAN has %(expected)s characters; this one has %(length)s.": (
        "Eine IBAN aus %(country)s hat %(expected)s Zeichen; diese hat %(length)s.",
        "Een IBAN uit %(country)s heeft %(expected)s tekens; deze heeft er %(length)s.",
        "Un IBAN %(country)s compte %(expected)s caractères ; celui-ci en a %(length)s.",
    ),
    "A BIC has 8 or 11 letters and digits, e.g. ABNANL2A.": (
        "Eine BIC hat 8 oder 11 Buchstaben und Ziffern, z. B. ABNANL2A.",
        "Een BIC heeft 8 of 11 letters en cijfers, bijv. ABNANL2A.",
        "Un BIC compte 8 ou 11 lettres et chiffres, p. ex. ABNANL2A.",
    ),
    "A VAT id of %(country)s starts with %(prefix)s.": (
        "Eine USt-IdNr. aus %(country)s beginnt mit %(prefix)s.",
        "Een btw-nummer uit %(country)s begint met %(prefix)s.",
        "Un numéro de TVA %(country)s commence par %(prefix)s.",
    ),
    "An IBAN starts with a country code and two check digits, e.g. NL91ABNA0417164300.": (
        "Eine IBAN beginnt mit einem Ländercode und zwei Prüfziffern, z. B. NL91ABNA0417164300.",
        "Een IBAN begint met een landcode en twee controlecijfers, bijv. NL91ABNA0417164300.",
        "Un IBAN commence par un code pays et deux chiffres de contrôle, p. ex."
        " NL91ABNA0417164300.",
    ),
    "The IBAN's check digits do not match; check for a typing error.": (
        "Die Prüfziffern der IBAN stimmen nicht; prüfen Sie auf einen Tippfehler.",
        "De controlecijfers van de IBAN kloppen niet; controleer op een typfout.",
        "Les chiffres de contrôle de l'IBAN ne correspondent pas ; vérifiez une faute de frappe.",
    ),
    "This is not the shape of a %(country)s VAT id (e.g. %(example)s).": (
        "Das ist nicht die Form einer USt-IdNr. aus %(country)s (z. B. %(example)s).",
        "Dit is niet de vorm van een btw-nummer uit %(country)s (bijv. %(example)s).",
        "Ce n'est pas la forme d'un numéro de TVA %(country)s (p. ex. %(example)s).",
    ),
    "Use ISO weekday digits without repeats, e.g. 12345 (1 = Monday).": (
        "Verwenden Sie ISO-Wochentagsziffern ohne Wiederholung, z. B. 12345 (1 = Montag).",
        "Gebruik ISO-weekdagcijfers zonder herhaling, bijv. 12345 (1 = maandag).",
        "Utilisez les chiffres ISO des jours sans répétition, p. ex. 12345 (1 = lundi).",
    ),
    "Use letters and digits only.": (
        "Verwenden Sie nur Buchstaben und Ziffern.",
        "Gebruik alleen letters en cijfers.",
        "Utilisez uniquement des lettres et des chiffres.",
    ),
    "A client viewer must be linked to a client.": (
        "Ein Kundenbetrachter muss mit einem Kunden verknüpft sein.",
        "Een klantlezer moet aan een klant gekoppeld zijn.",
        "Un lecteur client doit être lié à un client.",
    ),
    "An organisation needs at least one active owner; appoint another first.": (
        "Eine Organisation braucht mindestens einen aktiven Inhaber; ernennen Sie zuerst einen"
        " anderen.",
        "Een organisatie heeft minstens één actieve eigenaar nodig; wijs eerst een andere aan.",
        "Une organisation a besoin d'au moins un propriétaire actif ; nommez-en d'abord un autre.",
    ),
    "At most 100 characters.": (
        "Höchstens 100 Zeichen.",
        "Hoogstens 100 tekens.",
        "100 caractères au maximum.",
    ),
    "Choose a country from the list.": (
        "Wählen Sie ein Land aus der Liste.",
        "Kies een land uit de lijst.",
        "Choisissez un pays dans la liste.",
    ),
    "Give an e-mail address.": (
        "Geben Sie eine E-Mail-Adresse an.",
        "Geef een e-mailadres.",
        "Indiquez une adresse e-mail.",
    ),
    "Give your password again to create a token.": (
        "Geben Sie Ihr Passwort erneut ein, um ein Token zu erstellen.",
        "Geef uw wachtwoord opnieuw om een token aan te maken.",
        "Saisissez de nouveau votre mot de passe pour créer un jeton.",
    ),
    "Name the organisation.": (
        "Benennen Sie die Organisation.",
        "Geef de organisatie een naam.",
        "Nommez l'organisation.",
    ),
    "Name the token (e.g. the machine or script using it).": (
        "Benennen Sie das Token (z. B. nach dem Rechner oder Skript, das es verwendet).",
        "Geef het token een naam (bijv. de machine of het script dat het gebruikt).",
        "Nommez le jeton (p. ex. la machine ou le script qui l'utilise).",
    ),
    "Only an owner can grant or change the owner role.": (
        "Nur ein Inhaber kann die Inhaberrolle vergeben oder ändern.",
        "Alleen een eigenaar kan de eigenaarsrol toekennen of wijzigen.",
        "Seul un propriétaire peut attribuer ou modifier le rôle de propriétaire.",
    ),
    "Only an owner or admin can change the organisation's settings.": (
        "Nur ein Inhaber oder Administrator kann die Einstellungen der Organisation ändern.",
        "Alleen een eigenaar of beheerder kan de instellingen van de organisatie wijzigen.",
        "Seul un propriétaire ou un administrateur peut modifier les paramètres de l'organisation.",
    ),
    "The logo may be at most 1 MB.": (
        "Das Logo darf höchstens 1 MB groß sein.",
        "Het logo mag hoogstens 1 MB zijn.",
        "Le logo ne doit pas dépasser 1 Mo.",
    ),
    "This field cannot be changed here.": (
        "Dieses Feld kann hier nicht geändert werden.",
        "Dit veld kan hier niet worden gewijzigd.",
        "Ce champ ne peut pas être modifié ici.",
    ),
    "Upload a PNG or JPEG image.": (
        "Laden Sie ein PNG- oder JPEG-Bild hoch.",
        "Upload een PNG- of JPEG-afbeelding.",
        "Téléversez une image PNG ou JPEG.",
    ),
    "You can only change your own profile.": (
        "Sie können nur Ihr eigenes Profil ändern.",
        "U kunt alleen uw eigen profiel wijzigen.",
        "Vous ne pouvez modifier que votre propre profil.",
    ),
    "You can only revoke your own tokens.": (
        "Sie können nur Ihre eigenen Tokens widerrufen.",
        "U kunt alleen uw eigen tokens intrekken.",
        "Vous ne pouvez révoquer que vos propres jetons.",
    ),
    "%(organisations)s requires two-factor sign-in for your role.": (
        "%(organisations)s verlangt für Ihre Rolle die Zwei-Faktor-Anmeldung.",
        "%(organisations)s vereist voor uw rol aanmelden in twee stappen.",
        "%(organisations)s exige la connexion à deux facteurs pour votre rôle.",
    ),
    "Give the code from your authenticator app.": (
        "Geben Sie den Code aus Ihrer Authenticator-App ein.",
        "Geef de code uit uw authenticator-app.",
        "Saisissez le code de votre application d'authentification.",
    ),
    "Set up two-factor sign-in first.": (
        "Richten Sie zuerst die Zwei-Faktor-Anmeldung ein.",
        "Stel eerst aanmelden in twee stappen in.",
        "Configurez d'abord la connexion à deux facteurs.",
    ),
    "Start the set-up again.": (
        "Beginnen Sie die Einrichtung von vorn.",
        "Begin opnieuw met instellen.",
        "Recommencez la configuration.",
    ),
    "That code is not right; check the app's clock and try again.": (
        "Dieser Code stimmt nicht; prüfen Sie die Uhr der App und versuchen Sie es erneut.",
        "Die code klopt niet; controleer de klok van de app en probeer het opnieuw.",
        "Ce code n'est pas correct ; vérifiez l'horloge de l'application et réessayez.",
    ),
    "That is not your password.": (
        "Das ist nicht Ihr Passwort.",
        "Dat is niet uw wachtwoord.",
        "Ce n'est pas votre mot de passe.",
    ),
    "Your organisation requires two-factor sign-in; set it up.": (
        "Ihre Organisation verlangt die Zwei-Faktor-Anmeldung; richten Sie sie ein.",
        "Uw organisatie vereist aanmelden in twee stappen; stel het in.",
        "Votre organisation exige la connexion à deux facteurs ; configurez-la.",
    ),
    # --- Imports: the file's and the service's messages ----------------------------------------
    "%(zone)s is not a time zone (e.g. Europe/Berlin).": (
        "%(zone)s ist keine Zeitzone (z. B. Europe/Berlin).",
        "%(zone)s is geen tijdzone (bijv. Europe/Berlin).",
        "%(zone)s n'est pas un fuseau horaire (p. ex. Europe/Berlin).",
    ),
    "The date order is one of %(orders)s.": (
        "Die Datumsreihenfolge ist eine von %(orders)s.",
        "De datumvolgorde is een van %(orders)s.",
        "L'ordre des dates est l'un de %(orders)s.",
    ),
    "The decimal mark is '.' or ','.": (
        "Das Dezimaltrennzeichen ist '.' oder ','.",
        "Het decimaalteken is '.' of ','.",
        "Le séparateur décimal est '.' ou ','.",
    ),
    "Not an export we read (Toggl Track, Harvest, Clockify, Kimai CSV/XLSX, Watson JSON): its"
    " first line has %(found)s.": (
        "Kein Export, den wir lesen (Toggl Track, Harvest, Clockify, Kimai CSV/XLSX, Watson"
        " JSON): seine erste Zeile enthält %(found)s.",
        "Geen export die we lezen (Toggl Track, Harvest, Clockify, Kimai CSV/XLSX, Watson"
        " JSON): de eerste regel bevat %(found)s.",
        "Ce n'est pas un export que nous lisons (Toggl Track, Harvest, Clockify, Kimai CSV/XLSX,"
        " Watson JSON) : sa première ligne contient %(found)s.",
    ),
    "The file is empty.": ("Die Datei ist leer.", "Het bestand is leeg.", "Le fichier est vide."),
    "Unknown format %(format)s; use one of %(formats)s.": (
        "Unbekanntes Format %(format)s; verwenden Sie eines von %(formats)s.",
        "Onbekend formaat %(format)s; gebruik een van %(formats)s.",
        "Format inconnu %(format)s ; utilisez l'un de %(formats)s.",
    ),
    "nothing": ("nichts", "niets", "rien"),
    "Line %(line)s: a cell of more than %(chars)s characters; this is not an export.": (
        "Zeile %(line)s: eine Zelle mit mehr als %(chars)s Zeichen; das ist kein Export.",
        "Regel %(line)s: een cel van meer dan %(chars)s tekens; dit is geen export.",
        "Ligne %(line)s : une cellule de plus de %(chars)s caractères ; ce n'est pas un export.",
    ),
    "Line %(line)s: not readable CSV (%(error)s).": (
        "Zeile %(line)s: kein lesbares CSV (%(error)s).",
        "Regel %(line)s: geen leesbare CSV (%(error)s).",
        "Ligne %(line)s : CSV illisible (%(error)s).",
    ),
    "Line %(line)s: not readable text in the file's encoding.": (
        "Zeile %(line)s: kein lesbarer Text in der Kodierung der Datei.",
        "Regel %(line)s: geen leesbare tekst in de codering van het bestand.",
        "Ligne %(line)s : texte illisible dans l'encodage du fichier.",
    ),
    "The first line is not a header row (it is far too long).": (
        "Die erste Zeile ist keine Kopfzeile (sie ist viel zu lang).",
        "De eerste regel is geen kopregel (hij is veel te lang).",
        "La première ligne n'est pas une ligne d'en-tête (elle est bien trop longue).",
    ),
    "The first line is not readable text.": (
        "Die erste Zeile ist kein lesbarer Text.",
        "De eerste regel is geen leesbare tekst.",
        "La première ligne n'est pas un texte lisible.",
    ),
    "The workbook's first sheet is empty.": (
        "Das erste Blatt der Arbeitsmappe ist leer.",
        "Het eerste blad van de werkmap is leeg.",
        "La première feuille du classeur est vide.",
    ),
    "This XLSX unpacks to more than 1 GB; it is not an export.": (
        "Diese XLSX entpackt sich auf mehr als 1 GB; das ist kein Export.",
        "Deze XLSX pakt uit tot meer dan 1 GB; dit is geen export.",
        "Ce XLSX se décompresse en plus de 1 Go ; ce n'est pas un export.",
    ),
    "This does not look like a %(format)s: no column %(missing)s (found: %(found)s).": (
        "Das sieht nicht nach %(format)s aus: keine Spalte %(missing)s (gefunden: %(found)s).",
        "Dit lijkt niet op een %(format)s: geen kolom %(missing)s (gevonden: %(found)s).",
        "Cela ne ressemble pas à un %(format)s : pas de colonne %(missing)s (trouvé : %(found)s).",
    ),
    "This is binary data, not an export: upload the CSV, XLSX or JSON file itself.": (
        "Das sind Binärdaten, kein Export: Laden Sie die CSV-, XLSX- oder JSON-Datei selbst hoch.",
        "Dit zijn binaire gegevens, geen export: upload het CSV-, XLSX- of JSON-bestand zelf.",
        "Ce sont des données binaires, pas un export : téléversez le fichier CSV, XLSX ou JSON"
        " lui-même.",
    ),
    "This is not a readable XLSX workbook (%(error)s).": (
        "Das ist keine lesbare XLSX-Arbeitsmappe (%(error)s).",
        "Dit is geen leesbare XLSX-werkmap (%(error)s).",
        "Ce n'est pas un classeur XLSX lisible (%(error)s).",
    ),
    "This is not a text export (it is full of control characters): upload the CSV, XLSX or JSON"
    " file itself.": (
        "Das ist kein Textexport (er ist voller Steuerzeichen): Laden Sie die CSV-, XLSX- oder"
        " JSON-Datei selbst hoch.",
        "Dit is geen tekstexport (hij zit vol stuurtekens): upload het CSV-, XLSX- of"
        " JSON-bestand zelf.",
        "Ce n'est pas un export texte (il est plein de caractères de contrôle) : téléversez le"
        " fichier CSV, XLSX ou JSON lui-même.",
    ),
    "A Watson export is a list of frames (watson log --json, or the frames file).": (
        "Ein Watson-Export ist eine Liste von Frames (watson log --json oder die frames-Datei).",
        "Een Watson-export is een lijst van frames (watson log --json, of het frames-bestand).",
        "Un export Watson est une liste de frames (watson log --json, ou le fichier frames).",
    ),
    "A Watson file of more than 64 MB: export a shorter period.": (
        "Eine Watson-Datei mit mehr als 64 MB: Exportieren Sie einen kürzeren Zeitraum.",
        "Een Watson-bestand van meer dan 64 MB: exporteer een kortere periode.",
        "Un fichier Watson de plus de 64 Mo : exportez une période plus courte.",
    ),
    "This is not readable JSON (%(error)s).": (
        "Das ist kein lesbares JSON (%(error)s).",
        "Dit is geen leesbare JSON (%(error)s).",
        "Ce n'est pas du JSON lisible (%(error)s).",
    ),
    "%(count)s entry of this import is approved or billed; it can no longer be undone (reopen it"
    " first, or correct it).": (
        (
            "%(count)s Eintrag dieses Imports ist freigegeben oder abgerechnet; er kann nicht"
            " mehr rückgängig gemacht werden (öffnen Sie ihn zuerst wieder oder korrigieren Sie"
            " ihn).",
            "%(count)s Einträge dieses Imports sind freigegeben oder abgerechnet; er kann nicht"
            " mehr rückgängig gemacht werden (öffnen Sie sie zuerst wieder oder korrigieren Sie"
            " sie einzeln).",
        ),
        (
            "%(count)s boeking van deze import is goedgekeurd of gefactureerd; hij kan niet meer"
            " ongedaan worden gemaakt (heropen die eerst, of corrigeer die).",
            "%(count)s boekingen van deze import zijn goedgekeurd of gefactureerd; hij kan niet"
            " meer ongedaan worden gemaakt (heropen ze eerst, of corrigeer ze een voor een).",
        ),
        (
            "%(count)s saisie de cet import est validée ou facturée ; il ne peut plus être annulé"
            " (rouvrez-la d'abord, ou corrigez-la).",
            "%(count)s saisies de cet import sont validées ou facturées ; il ne peut plus être"
            " annulé (rouvrez-les d'abord, ou corrigez-les une par une).",
        ),
    ),
    "%(count)s row keeps the rate in force: its rate is in another currency than its client's.": (
        (
            "%(count)s Zeile behält den geltenden Satz: ihr Satz ist in einer anderen Währung als"
            " der ihres Kunden.",
            "%(count)s Zeilen behalten den geltenden Satz: ihr Satz ist in einer anderen Währung"
            " als der ihres Kunden.",
        ),
        (
            "%(count)s rij houdt het geldende tarief: het tarief is in een andere valuta dan die"
            " van de klant.",
            "%(count)s rijen houden het geldende tarief: hun tarief is in een andere valuta dan"
            " die van hun klant.",
        ),
        (
            "%(count)s ligne garde le taux en vigueur : son taux est dans une autre devise que"
            " celle de son client.",
            "%(count)s lignes gardent le taux en vigueur : leur taux est dans une autre devise"
            " que celle de leur client.",
        ),
    ),
    "%(count)s row was invoiced in the source but is imported as unbilled: a billing run would"
    " bill it again.": (
        (
            "%(count)s Zeile wurde in der Quelle berechnet, wird aber als nicht abgerechnet"
            " importiert: ein Abrechnungslauf würde sie erneut abrechnen.",
            "%(count)s Zeilen wurden in der Quelle berechnet, werden aber als nicht abgerechnet"
            " importiert: ein Abrechnungslauf würde sie erneut abrechnen.",
        ),
        (
            "%(count)s rij is in de bron gefactureerd maar wordt als ongefactureerd"
            " geïmporteerd: een factureringsrun zou hem opnieuw factureren.",
            "%(count)s rijen zijn in de bron gefactureerd maar worden als ongefactureerd"
            " geïmporteerd: een factureringsrun zou ze opnieuw factureren.",
        ),
        (
            "%(count)s ligne a été facturée dans la source mais est importée comme non facturée :"
            " une facturation la facturerait de nouveau.",
            "%(count)s lignes ont été facturées dans la source mais sont importées comme non"
            " facturées : une facturation les facturerait de nouveau.",
        ),
    ),
    "Another import committed some of these rows meanwhile; preview the file again.": (
        "Ein anderer Import hat inzwischen einige dieser Zeilen übernommen; erstellen Sie die"
        " Vorschau der Datei erneut.",
        "Een andere import heeft intussen enkele van deze rijen vastgelegd; maak opnieuw een"
        " voorbeeld van het bestand.",
        "Un autre import a entre-temps validé certaines de ces lignes ; prévisualisez de nouveau"
        " le fichier.",
    ),
    "Changed in the source since import #%(batch)s (its line %(line)s); the imported entry is"
    " kept as it was.": (
        "Seit Import #%(batch)s in der Quelle geändert (dort Zeile %(line)s); der importierte"
        " Eintrag bleibt, wie er war.",
        "Gewijzigd in de bron sinds import #%(batch)s (daar regel %(line)s); de geïmporteerde"
        " boeking blijft zoals ze was.",
        "Modifiée dans la source depuis l'import n° %(batch)s (sa ligne %(line)s) ; la saisie"
        " importée reste telle quelle.",
    ),
    "Entries of this import lie in the period locked up to %(day)s.": (
        "Einträge dieses Imports liegen im bis %(day)s gesperrten Zeitraum.",
        "Boekingen van deze import vallen in de periode die tot %(day)s is vergrendeld.",
        "Des saisies de cet import se trouvent dans la période verrouillée jusqu'au %(day)s.",
    ),
    "No such client in your organisation.": (
        "Diesen Kunden gibt es in Ihrer Organisation nicht.",
        "Deze klant bestaat niet in uw organisatie.",
        "Ce client n'existe pas dans votre organisation.",
    ),
    "No such member in your organisation.": (
        "Dieses Mitglied gibt es in Ihrer Organisation nicht.",
        "Dit lid bestaat niet in uw organisatie.",
        "Ce membre n'existe pas dans votre organisation.",
    ),
    "Not your organisation's import.": (
        "Nicht der Import Ihrer Organisation.",
        "Niet de import van uw organisatie.",
        "Ce n'est pas un import de votre organisation.",
    ),
    "Only a committed import can be undone; this one is %(status)s.": (
        "Nur ein übernommener Import kann rückgängig gemacht werden; dieser ist %(status)s.",
        "Alleen een vastgelegde import kan ongedaan worden gemaakt; deze is %(status)s.",
        "Seul un import validé peut être annulé ; celui-ci est %(status)s.",
    ),
    "Only a manager can undo someone else's import.": (
        "Nur ein Manager kann den Import eines anderen rückgängig machen.",
        "Alleen een manager kan de import van iemand anders ongedaan maken.",
        "Seul un responsable peut annuler l'import de quelqu'un d'autre.",
    ),
    "Only managers may turn the file's rates into entry rates.": (
        "Nur Manager dürfen die Sätze der Datei zu Sätzen der Einträge machen.",
        "Alleen managers mogen de tarieven uit het bestand tot tarieven van de boekingen maken.",
        "Seuls les responsables peuvent faire des taux du fichier les taux des saisies.",
    ),
    "The same entry as line %(line)s (same person and start).": (
        "Derselbe Eintrag wie Zeile %(line)s (dieselbe Person und derselbe Beginn).",
        "Dezelfde boeking als regel %(line)s (zelfde persoon en begin).",
        "La même saisie que la ligne %(line)s (même personne et même début).",
    ),
    "This import is %(status)s; it cannot change.": (
        "Dieser Import ist %(status)s; er kann sich nicht mehr ändern.",
        "Deze import is %(status)s; hij kan niet meer veranderen.",
        "Cet import est %(status)s ; il ne peut plus changer.",
    ),
    "This import is already %(status)s.": (
        "Dieser Import ist bereits %(status)s.",
        "Deze import is al %(status)s.",
        "Cet import est déjà %(status)s.",
    ),
    "Your role cannot import time.": (
        "Ihre Rolle darf keine Zeit importieren.",
        "Uw rol mag geen tijd importeren.",
        "Votre rôle ne permet pas d'importer du temps.",
    ),
    "a date and a duration per row (no start or end in the file)": (
        "ein Datum und eine Dauer pro Zeile (kein Beginn oder Ende in der Datei)",
        "een datum en een duur per rij (geen begin of einde in het bestand)",
        "une date et une durée par ligne (ni début ni fin dans le fichier)",
    ),
    "start and end as instants with their offsets (zone {tz} only for dates)": (
        "Beginn und Ende als Zeitpunkte mit ihrem Versatz (Zone {tz} nur für Datumsangaben)",
        "begin en einde als tijdstippen met hun verschuiving (zone {tz} alleen voor datums)",
        "début et fin comme instants avec leur décalage (fuseau {tz} seulement pour les dates)",
    ),
    "start and end as local times in {tz} (no offset in the file)": (
        "Beginn und Ende als Ortszeiten in {tz} (kein Versatz in der Datei)",
        "begin en einde als lokale tijden in {tz} (geen verschuiving in het bestand)",
        "début et fin comme heures locales en {tz} (pas de décalage dans le fichier)",
    ),
    "import status in a sentence\x04previewed": (
        "in der Vorschau",
        "in voorbeeld",
        "en aperçu",
    ),
    "import status in a sentence\x04committing": (
        "in Übernahme",
        "bezig met vastleggen",
        "en cours de validation",
    ),
    "import status in a sentence\x04committed": ("übernommen", "vastgelegd", "validé"),
    "import status in a sentence\x04undone": ("rückgängig gemacht", "ongedaan gemaakt", "annulé"),
    "import status in a sentence\x04failed": ("fehlgeschlagen", "mislukt", "en échec"),
    "Importing": ("Wird importiert", "Bezig met importeren", "Import en cours"),
    "Imported": ("Importiert", "Geïmporteerd", "Importé"),
    "Choose the exported file to upload.": (
        "Wählen Sie die exportierte Datei zum Hochladen.",
        "Kies het geëxporteerde bestand om te uploaden.",
        "Choisissez le fichier exporté à téléverser.",
    ),
    "Imported %(count)s entry.": (
        ("%(count)s Eintrag importiert.", "%(count)s Einträge importiert."),
        ("%(count)s boeking geïmporteerd.", "%(count)s boekingen geïmporteerd."),
        ("%(count)s saisie importée.", "%(count)s saisies importées."),
    ),
    "Importing in the background; this page shows when done.": (
        "Import läuft im Hintergrund; diese Seite zeigt, wann er fertig ist.",
        "Importeren op de achtergrond; deze pagina toont wanneer het klaar is.",
        "Import en arrière-plan ; cette page indique quand il est terminé.",
    ),
    "Preview updated with your mapping. Nothing is written yet.": (
        "Vorschau mit Ihrer Zuordnung aktualisiert. Noch ist nichts geschrieben.",
        "Voorbeeld bijgewerkt met uw koppeling. Er is nog niets geschreven.",
        "Aperçu mis à jour avec votre correspondance. Rien n'est encore écrit.",
    ),
    "The file is larger than %(size)s MB.": (
        "Die Datei ist größer als %(size)s MB.",
        "Het bestand is groter dan %(size)s MB.",
        "Le fichier dépasse %(size)s Mo.",
    ),
    "The import is undone: its entries are removed.": (
        "Der Import ist rückgängig gemacht: seine Einträge sind entfernt.",
        "De import is ongedaan gemaakt: de boekingen ervan zijn verwijderd.",
        "L'import est annulé : ses saisies sont supprimées.",
    ),
    # --- Sign-up: the form, the service and the view ---------------------------------------------
    "Organisation name": (
        "Name der Organisation",
        "Naam van de organisatie",
        "Nom de l'organisation",
    ),
    "Your name": ("Ihr Name", "Uw naam", "Votre nom"),
    "At least 8 characters, not only digits, not a common password.": (
        "Mindestens 8 Zeichen, nicht nur Ziffern, kein gängiges Passwort.",
        "Minstens 8 tekens, niet alleen cijfers, geen veelgebruikt wachtwoord.",
        "Au moins 8 caractères, pas uniquement des chiffres, pas un mot de passe courant.",
    ),
    "Its VAT rates are set up for you (you can edit them later).": (
        "Seine Umsatzsteuersätze werden für Sie eingerichtet (Sie können sie später ändern).",
        "De btw-tarieven ervan worden voor u ingesteld (u kunt ze later wijzigen).",
        "Ses taux de TVA sont configurés pour vous (vous pourrez les modifier plus tard).",
    ),
    "We charge VAT": ("Wir berechnen Umsatzsteuer", "Wij rekenen btw", "Nous facturons la TVA"),
    "Untick for no VAT.": (
        "Abwählen für keine Umsatzsteuer.",
        "Vink uit voor geen btw.",
        "Décochez pour ne pas appliquer de TVA.",
    ),
    "From the country": ("Nach dem Land", "Volgens het land", "Selon le pays"),
    "An account with this e-mail exists already; sign in instead.": (
        "Ein Konto mit dieser E-Mail existiert bereits; melden Sie sich stattdessen an.",
        "Er bestaat al een account met dit e-mailadres; meld u in plaats daarvan aan.",
        "Un compte avec cet e-mail existe déjà ; connectez-vous plutôt.",
    ),
    "At most 200 characters.": (
        "Höchstens 200 Zeichen.",
        "Hoogstens 200 tekens.",
        "200 caractères au maximum.",
    ),
    "Choose your organisation's country.": (
        "Wählen Sie das Land Ihrer Organisation.",
        "Kies het land van uw organisatie.",
        "Choisissez le pays de votre organisation.",
    ),
    "Give your name.": ("Geben Sie Ihren Namen an.", "Geef uw naam.", "Indiquez votre nom."),
    "Name your organisation.": (
        "Benennen Sie Ihre Organisation.",
        "Geef uw organisatie een naam.",
        "Nommez votre organisation.",
    ),
    "Unknown currency %(currency)s.": (
        "Unbekannte Währung %(currency)s.",
        "Onbekende valuta %(currency)s.",
        "Devise inconnue %(currency)s.",
    ),
    "Unknown time zone %(zone)s.": (
        "Unbekannte Zeitzone %(zone)s.",
        "Onbekende tijdzone %(zone)s.",
        "Fuseau horaire inconnu %(zone)s.",
    ),
    "Choose VAT rates from the list.": (
        "Wählen Sie Umsatzsteuersätze aus der Liste.",
        "Kies btw-tarieven uit de lijst.",
        "Choisissez des taux de TVA dans la liste.",
    ),
    "Cost rates are kept in %(currency)s; the organisation's currency cannot change while they"
    " exist.": (
        "Kostensätze werden in %(currency)s geführt; die Währung der Organisation kann sich nicht"
        " ändern, solange es sie gibt.",
        "Kostentarieven staan in %(currency)s; de valuta van de organisatie kan niet veranderen"
        " zolang ze bestaan.",
        "Les taux de coût sont tenus en %(currency)s ; la devise de l'organisation ne peut pas"
        " changer tant qu'ils existent.",
    ),
    "Create organisation": ("Organisation anlegen", "Organisatie aanmaken", "Créer l'organisation"),
    "Welcome to Timeledger. %(organisation)s is set up with the VAT rates of %(country)s; check"
    " your organisation's details below.": (
        "Willkommen bei Timeledger. %(organisation)s ist mit den Umsatzsteuersätzen von"
        " %(country)s eingerichtet; prüfen Sie unten die Angaben Ihrer Organisation.",
        "Welkom bij Timeledger. %(organisation)s is ingesteld met de btw-tarieven van"
        " %(country)s; controleer hieronder de gegevens van uw organisatie.",
        "Bienvenue dans Timeledger. %(organisation)s est configurée avec les taux de TVA de"
        " %(country)s ; vérifiez ci-dessous les informations de votre organisation.",
    ),
    # --- The weekly audit's filters (reports.views.AuditReportForm) ------------------------------
    "Any day of the week.": (
        "Ein beliebiger Tag der Woche.",
        "Een willekeurige dag van de week.",
        "N'importe quel jour de la semaine.",
    ),
    "Earlier weeks": ("Frühere Wochen", "Eerdere weken", "Semaines antérieures"),
    "with backlogs of earlier weeks": (
        "mit Rückständen früherer Wochen",
        "met achterstanden van eerdere weken",
        "avec les retards des semaines antérieures",
    ),
    "this week's dates only": (
        "nur Daten dieser Woche",
        "alleen datums van deze week",
        "seulement les dates de cette semaine",
    ),
    # --- Approvals: the views' messages and the action form's labels -----------------------------
    "Only project leads and managers approve time.": (
        "Nur Projektleitungen und Manager geben Zeit frei.",
        "Alleen projectleiders en managers keuren tijd goed.",
        "Seuls les chefs de projet et les responsables valident le temps.",
    ),
    "Only an admin can set the lock date.": (
        "Nur ein Administrator kann das Sperrdatum setzen.",
        "Alleen een beheerder kan de vergrendeldatum instellen.",
        "Seul un administrateur peut fixer la date de verrouillage.",
    ),
    "Tick the entries first, or use the whole-week button.": (
        "Markieren Sie zuerst die Einträge, oder verwenden Sie die Schaltfläche für die ganze"
        " Woche.",
        "Vink eerst de boekingen aan, of gebruik de knop voor de hele week.",
        "Cochez d'abord les saisies, ou utilisez le bouton de la semaine entière.",
    ),
    "Also approve unsubmitted drafts": (
        "Auch nicht eingereichte Entwürfe freigeben",
        "Ook niet-ingediende concepten goedkeuren",
        "Valider aussi les brouillons non soumis",
    ),
    "Lock override reason (admins)": (
        "Grund für das Übergehen der Sperre (Administratoren)",
        "Reden om de vergrendeling te omzeilen (beheerders)",
        "Motif du contournement du verrouillage (administrateurs)",
    ),
    "Approved %(count)s entry of %(owner)s.": (
        (
            "%(count)s Eintrag von %(owner)s freigegeben.",
            "%(count)s Einträge von %(owner)s freigegeben.",
        ),
        (
            "%(count)s boeking van %(owner)s goedgekeurd.",
            "%(count)s boekingen van %(owner)s goedgekeurd.",
        ),
        ("%(count)s saisie de %(owner)s validée.", "%(count)s saisies de %(owner)s validées."),
    ),
    "Rejected %(count)s entry of %(owner)s.": (
        (
            "%(count)s Eintrag von %(owner)s abgelehnt.",
            "%(count)s Einträge von %(owner)s abgelehnt.",
        ),
        (
            "%(count)s boeking van %(owner)s afgewezen.",
            "%(count)s boekingen van %(owner)s afgewezen.",
        ),
        ("%(count)s saisie de %(owner)s refusée.", "%(count)s saisies de %(owner)s refusées."),
    ),
    "Reopened %(count)s entry of %(owner)s.": (
        (
            "%(count)s Eintrag von %(owner)s wieder geöffnet.",
            "%(count)s Einträge von %(owner)s wieder geöffnet.",
        ),
        (
            "%(count)s boeking van %(owner)s heropend.",
            "%(count)s boekingen van %(owner)s heropend.",
        ),
        ("%(count)s saisie de %(owner)s rouverte.", "%(count)s saisies de %(owner)s rouvertes."),
    ),
    "%(count)s approved billable entry has no billing rate in force; add a rate before billing"
    " (see the weekly audit).": (
        (
            "%(count)s freigegebener abrechenbarer Eintrag hat keinen geltenden Abrechnungssatz;"
            " legen Sie vor der Abrechnung einen Satz an (siehe Wochenprüfung).",
            "%(count)s freigegebene abrechenbare Einträge haben keinen geltenden"
            " Abrechnungssatz; legen Sie vor der Abrechnung einen Satz an (siehe Wochenprüfung).",
        ),
        (
            "%(count)s goedgekeurde declarabele boeking heeft geen geldend tarief; voeg een"
            " tarief toe vóór het factureren (zie de weekcontrole).",
            "%(count)s goedgekeurde declarabele boekingen hebben geen geldend tarief; voeg een"
            " tarief toe vóór het factureren (zie de weekcontrole).",
        ),
        (
            "%(count)s saisie facturable validée n'a pas de taux de facturation en vigueur ;"
            " ajoutez un taux avant de facturer (voir le contrôle hebdomadaire).",
            "%(count)s saisies facturables validées n'ont pas de taux de facturation en vigueur ;"
            " ajoutez un taux avant de facturer (voir le contrôle hebdomadaire).",
        ),
    ),
    "Lock date cleared: every period is open.": (
        "Sperrdatum entfernt: jeder Zeitraum ist offen.",
        "Vergrendeldatum gewist: elke periode is open.",
        "Date de verrouillage effacée : chaque période est ouverte.",
    ),
    "Locked up to %(day)s.": (
        "Gesperrt bis %(day)s.",
        "Vergrendeld tot en met %(day)s.",
        "Verrouillé jusqu'au %(day)s.",
    ),
    "%(count)s entry on or before the lock date is not approved yet; it can no longer change.": (
        (
            "%(count)s Eintrag an oder vor dem Sperrdatum ist noch nicht freigegeben; er kann"
            " sich nicht mehr ändern.",
            "%(count)s Einträge an oder vor dem Sperrdatum sind noch nicht freigegeben; sie"
            " können sich nicht mehr ändern.",
        ),
        (
            "%(count)s boeking op of vóór de vergrendeldatum is nog niet goedgekeurd; ze kan niet"
            " meer veranderen.",
            "%(count)s boekingen op of vóór de vergrendeldatum zijn nog niet goedgekeurd; ze"
            " kunnen niet meer veranderen.",
        ),
        (
            "%(count)s saisie du jour de verrouillage ou avant n'est pas encore validée ; elle ne"
            " peut plus changer.",
            "%(count)s saisies du jour de verrouillage ou avant ne sont pas encore validées ;"
            " elles ne peuvent plus changer.",
        ),
    ),
    # --- Webhooks: the events' descriptions, the deliveries' statuses, the service's refusals ---
    "Time entries were approved": (
        "Zeiteinträge wurden freigegeben",
        "Tijdboekingen zijn goedgekeurd",
        "Des saisies de temps ont été validées",
    ),
    "Time entries were rejected": (
        "Zeiteinträge wurden abgelehnt",
        "Tijdboekingen zijn afgewezen",
        "Des saisies de temps ont été refusées",
    ),
    "A billing run finished": (
        "Ein Abrechnungslauf ist abgeschlossen",
        "Een factureringsrun is klaar",
        "Une facturation est terminée",
    ),
    "An invoice was issued": (
        "Eine Rechnung wurde ausgestellt",
        "Er is een factuur uitgereikt",
        "Une facture a été émise",
    ),
    "An invoice was sent to the client": (
        "Eine Rechnung wurde an den Kunden gesendet",
        "Er is een factuur naar de klant verstuurd",
        "Une facture a été envoyée au client",
    ),
    "The client opened the invoice link": (
        "Der Kunde hat den Rechnungslink geöffnet",
        "De klant heeft de factuurlink geopend",
        "Le client a ouvert le lien de la facture",
    ),
    "An invoice was paid in full": (
        "Eine Rechnung wurde vollständig bezahlt",
        "Een factuur is volledig betaald",
        "Une facture a été entièrement payée",
    ),
    "An invoice passed its due date unpaid": (
        "Eine Rechnung ist unbezahlt über ihr Fälligkeitsdatum hinaus",
        "Een factuur is onbetaald over haar vervaldatum heen",
        "Une facture a dépassé son échéance sans être payée",
    ),
    "A payment was recorded": (
        "Eine Zahlung wurde erfasst",
        "Er is een betaling vastgelegd",
        "Un paiement a été enregistré",
    ),
    "A payment was reversed": (
        "Eine Zahlung wurde storniert",
        "Een betaling is teruggedraaid",
        "Un paiement a été annulé",
    ),
    "A credit note was issued": (
        "Eine Gutschrift wurde ausgestellt",
        "Er is een creditnota uitgereikt",
        "Un avoir a été émis",
    ),
    "Pending": ("Ausstehend", "In afwachting", "En attente"),
    "Succeeded": ("Erfolgreich", "Geslaagd", "Réussi"),
    "Give an http:// or https:// URL.": (
        "Geben Sie eine http://- oder https://-URL an.",
        "Geef een http://- of https://-URL.",
        "Indiquez une URL http:// ou https://.",
    ),
    "Only owners and admins manage webhooks.": (
        "Nur Inhaber und Administratoren verwalten Webhooks.",
        "Alleen eigenaren en beheerders beheren webhooks.",
        "Seuls les propriétaires et les administrateurs gèrent les webhooks.",
    ),
    "The endpoint is disabled; enable it before replaying.": (
        "Der Endpunkt ist deaktiviert; aktivieren Sie ihn vor dem erneuten Senden.",
        "Het endpoint is uitgeschakeld; schakel het in voordat u opnieuw verstuurt.",
        "Le point de terminaison est désactivé ; activez-le avant de renvoyer.",
    ),
    "Unknown event %(event)s; choose from %(events)s.": (
        "Unbekanntes Ereignis %(event)s; wählen Sie aus %(events)s.",
        "Onbekende gebeurtenis %(event)s; kies uit %(events)s.",
        "Événement inconnu %(event)s ; choisissez parmi %(events)s.",
    ),
    # --- Imports: the mapping's words (how an entity was mapped, its kind) and refusals ----------
    "#%(id)s is not a task of %(project)s.": (
        "#%(id)s ist keine Aufgabe von %(project)s.",
        "#%(id)s is geen taak van %(project)s.",
        "#%(id)s n'est pas une tâche de %(project)s.",
    ),
    "#%(id)s is not one of this organisation's clients.": (
        "#%(id)s ist kein Kunde dieser Organisation.",
        "#%(id)s is geen klant van deze organisatie.",
        "#%(id)s n'est pas un client de cette organisation.",
    ),
    "#%(id)s is not one of this organisation's people.": (
        "#%(id)s ist keine Person dieser Organisation.",
        "#%(id)s is geen persoon van deze organisatie.",
        "#%(id)s n'est pas une personne de cette organisation.",
    ),
    "#%(id)s is not one of this organisation's projects.": (
        "#%(id)s ist kein Projekt dieser Organisation.",
        "#%(id)s is geen project van deze organisatie.",
        "#%(id)s n'est pas un projet de cette organisation.",
    ),
    "#%(id)s is not one of this organisation's tasks.": (
        "#%(id)s ist keine Aufgabe dieser Organisation.",
        "#%(id)s is geen taak van deze organisatie.",
        "#%(id)s n'est pas une tâche de cette organisation.",
    ),
    "Its client is not mapped.": (
        "Sein Kunde ist nicht zugeordnet.",
        "De klant ervan is niet gekoppeld.",
        "Son client n'est pas associé.",
    ),
    "Its project is not mapped.": (
        "Ihr Projekt ist nicht zugeordnet.",
        "Het project ervan is niet gekoppeld.",
        "Son projet n'est pas associé.",
    ),
    "Task '%(task)s' is not in project %(project)s.": (
        "Die Aufgabe '%(task)s' gehört nicht zum Projekt %(project)s.",
        "Taak '%(task)s' hoort niet bij project %(project)s.",
        "La tâche '%(task)s' n'appartient pas au projet %(project)s.",
    ),
    "Your role cannot create clients; map it to an existing one.": (
        "Ihre Rolle darf keine Kunden anlegen; ordnen Sie einen vorhandenen zu.",
        "Uw rol mag geen klanten aanmaken; koppel een bestaande.",
        "Votre rôle ne permet pas de créer des clients ; associez-en un existant.",
    ),
    "Your role cannot create people; map it to an existing one.": (
        "Ihre Rolle darf keine Personen anlegen; ordnen Sie eine vorhandene zu.",
        "Uw rol mag geen personen aanmaken; koppel een bestaande.",
        "Votre rôle ne permet pas de créer des personnes ; associez-en une existante.",
    ),
    "Your role cannot create projects; map it to an existing one.": (
        "Ihre Rolle darf keine Projekte anlegen; ordnen Sie ein vorhandenes zu.",
        "Uw rol mag geen projecten aanmaken; koppel een bestaand project.",
        "Votre rôle ne permet pas de créer des projets ; associez-en un existant.",
    ),
    "Your role cannot create tasks; map it to an existing one.": (
        "Ihre Rolle darf keine Aufgaben anlegen; ordnen Sie eine vorhandene zu.",
        "Uw rol mag geen taken aanmaken; koppel een bestaande.",
        "Votre rôle ne permet pas de créer des tâches ; associez-en une existante.",
    ),
    "as in an earlier import": (
        "wie in einem früheren Import",
        "zoals in een eerdere import",
        "comme dans un import précédent",
    ),
    "chosen": ("gewählt", "gekozen", "choisi"),
    "matched by code": ("nach Kürzel zugeordnet", "gekoppeld op code", "associé par code"),
    "matched by e-mail": (
        "nach E-Mail zugeordnet",
        "gekoppeld op e-mail",
        "associé par e-mail",
    ),
    "matched by member code": (
        "nach Mitarbeiterkürzel zugeordnet",
        "gekoppeld op medewerkercode",
        "associé par code du collaborateur",
    ),
    "matched by name": ("nach Name zugeordnet", "gekoppeld op naam", "associé par nom"),
    "not needed: its projects exist already": (
        "nicht nötig: seine Projekte existieren bereits",
        "niet nodig: de projecten ervan bestaan al",
        "inutile : ses projets existent déjà",
    ),
    "the default client": ("der Standardkunde", "de standaardklant", "le client par défaut"),
    "the default person": ("die Standardperson", "de standaardpersoon", "la personne par défaut"),
    "to be created": ("wird angelegt", "wordt aangemaakt", "à créer"),
    "to be created (cannot sign in until invited)": (
        "wird angelegt (kann sich erst nach einer Einladung anmelden)",
        "wordt aangemaakt (kan zich pas aanmelden na een uitnodiging)",
        "à créer (ne peut se connecter qu'après une invitation)",
    ),
    "to be created (chosen)": (
        "wird angelegt (gewählt)",
        "wordt aangemaakt (gekozen)",
        "à créer (choisi)",
    ),
    "import entity\x04client": ("Kunde", "klant", "client"),
    "import entity\x04project": ("Projekt", "project", "projet"),
    "import entity\x04task": ("Aufgabe", "taak", "tâche"),
    "import entity\x04person": ("Person", "persoon", "personne"),
    "import row\x04line": ("Zeile", "regel", "ligne"),
    "import row\x04frame": ("Frame", "frame", "frame"),
    # --- The weekly audit's checks: titles, findings and fix links (reports.audit) -------------
    "Non-billable without a reason": (
        "Nicht abrechenbar ohne Begründung",
        "Niet declarabel zonder reden",
        "Non facturable sans motif",
    ),
    "Task not in the entry's project": (
        "Aufgabe nicht im Projekt des Eintrags",
        "Taak niet in het project van de boeking",
        "Tâche hors du projet de la saisie",
    ),
    "Client does not match the project": (
        "Kunde passt nicht zum Projekt",
        "Klant past niet bij het project",
        "Le client ne correspond pas au projet",
    ),
    "Billable on a non-billable task or project": (
        "Abrechenbar auf einer nicht abrechenbaren Aufgabe oder einem solchen Projekt",
        "Declarabel op een niet-declarabele taak of project",
        "Facturable sur une tâche ou un projet non facturable",
    ),
    "Missing time": ("Fehlende Zeit", "Ontbrekende tijd", "Temps manquant"),
    "Submitted, not approved": (
        "Eingereicht, nicht freigegeben",
        "Ingediend, niet goedgekeurd",
        "Soumis, non validé",
    ),
    "Approved, not billed": (
        "Freigegeben, nicht abgerechnet",
        "Goedgekeurd, niet gefactureerd",
        "Validé, non facturé",
    ),
    "Entry on a closed or archived project": (
        "Eintrag auf einem abgeschlossenen oder archivierten Projekt",
        "Boeking op een afgesloten of gearchiveerd project",
        "Saisie sur un projet clos ou archivé",
    ),
    "Overlapping entries": (
        "Überlappende Einträge",
        "Overlappende boekingen",
        "Saisies qui se chevauchent",
    ),
    "No billing rate": ("Kein Abrechnungssatz", "Geen tarief", "Aucun taux de facturation"),
    "Edit entry": ("Eintrag bearbeiten", "Boeking bewerken", "Modifier la saisie"),
    "Open in approvals": (
        "In den Freigaben öffnen",
        "Openen in goedkeuringen",
        "Ouvrir dans les validations",
    ),
    "Approve or reject": (
        "Freigeben oder ablehnen",
        "Goedkeuren of afwijzen",
        "Valider ou refuser",
    ),
    "Run billing": ("Abrechnung starten", "Factureren", "Lancer la facturation"),
    "Open the week": ("Woche öffnen", "Week openen", "Ouvrir la semaine"),
    "Marked non-billable although task '%(task)s' is billable, with no description saying why.": (
        "Als nicht abrechenbar markiert, obwohl die Aufgabe '%(task)s' abrechenbar ist, ohne"
        " Beschreibung des Grundes.",
        "Als niet declarabel gemarkeerd hoewel taak '%(task)s' declarabel is, zonder"
        " omschrijving waarom.",
        "Marquée non facturable alors que la tâche '%(task)s' est facturable, sans description"
        " qui dise pourquoi.",
    ),
    "Marked non-billable although project %(project)s is billable, with no description saying"
    " why.": (
        "Als nicht abrechenbar markiert, obwohl das Projekt %(project)s abrechenbar ist, ohne"
        " Beschreibung des Grundes.",
        "Als niet declarabel gemarkeerd hoewel project %(project)s declarabel is, zonder"
        " omschrijving waarom.",
        "Marquée non facturable alors que le projet %(project)s est facturable, sans description"
        " qui dise pourquoi.",
    ),
    "Task '%(task)s' belongs to another project, not %(project)s.": (
        "Die Aufgabe '%(task)s' gehört zu einem anderen Projekt, nicht zu %(project)s.",
        "Taak '%(task)s' hoort bij een ander project, niet bij %(project)s.",
        "La tâche '%(task)s' appartient à un autre projet, pas à %(project)s.",
    ),
    "Entry is for client %(client)s but project %(project)s is %(owner)s's.": (
        "Der Eintrag ist für den Kunden %(client)s, aber das Projekt %(project)s gehört zu"
        " %(owner)s.",
        "De boeking is voor klant %(client)s, maar project %(project)s hoort bij %(owner)s.",
        "La saisie est pour le client %(client)s mais le projet %(project)s appartient à"
        " %(owner)s.",
    ),
    "Billable, but task '%(task)s' is non-billable.": (
        "Abrechenbar, aber die Aufgabe '%(task)s' ist nicht abrechenbar.",
        "Declarabel, maar taak '%(task)s' is niet declarabel.",
        "Facturable, mais la tâche '%(task)s' n'est pas facturable.",
    ),
    "Billable, but project %(project)s is internal.": (
        "Abrechenbar, aber das Projekt %(project)s ist intern.",
        "Declarabel, maar project %(project)s is intern.",
        "Facturable, mais le projet %(project)s est interne.",
    ),
    "Project %(project)s is archived; move or remove this time.": (
        "Das Projekt %(project)s ist archiviert; verschieben oder entfernen Sie diese Zeit.",
        "Project %(project)s is gearchiveerd; verplaats of verwijder deze tijd.",
        "Le projet %(project)s est archivé ; déplacez ou supprimez ce temps.",
    ),
    "Project %(project)s is closed; move or remove this time.": (
        "Das Projekt %(project)s ist abgeschlossen; verschieben oder entfernen Sie diese Zeit.",
        "Project %(project)s is afgesloten; verplaats of verwijder deze tijd.",
        "Le projet %(project)s est clos ; déplacez ou supprimez ce temps.",
    ),
    "%(start)s–%(end)s on %(project)s overlaps entry #%(other)s (%(other_start)s–%(other_end)s"
    " on %(other_project)s).": (
        "%(start)s–%(end)s auf %(project)s überschneidet sich mit Eintrag #%(other)s"
        " (%(other_start)s–%(other_end)s auf %(other_project)s).",
        "%(start)s–%(end)s op %(project)s overlapt met boeking #%(other)s"
        " (%(other_start)s–%(other_end)s op %(other_project)s).",
        "%(start)s–%(end)s sur %(project)s chevauche la saisie n° %(other)s"
        " (%(other_start)s–%(other_end)s sur %(other_project)s).",
    ),
    "No billing rate in force on %(day)s for %(member)s on %(project)s; billing would price it"
    " at nothing.": (
        "Kein geltender Abrechnungssatz am %(day)s für %(member)s auf %(project)s; die Abrechnung"
        " würde sie mit null bewerten.",
        "Geen geldend tarief op %(day)s voor %(member)s op %(project)s; facturering zou er niets"
        " voor rekenen.",
        "Aucun taux de facturation en vigueur le %(day)s pour %(member)s sur %(project)s ; la"
        " facturation le compterait pour rien.",
    ),
    "Submitted, waiting for approval (%(days)s day old).": (
        (
            "Eingereicht, wartet auf Freigabe (%(days)s Tag alt).",
            "Eingereicht, wartet auf Freigabe (%(days)s Tage alt).",
        ),
        (
            "Ingediend, wacht op goedkeuring (%(days)s dag oud).",
            "Ingediend, wacht op goedkeuring (%(days)s dagen oud).",
        ),
        (
            "Soumise, en attente de validation (depuis %(days)s jour).",
            "Soumise, en attente de validation (depuis %(days)s jours).",
        ),
    ),
    "Approved but not on an invoice, %(days)s days after the work (limit %(limit)s days).": (
        "Freigegeben, aber auf keiner Rechnung, %(days)s Tage nach der Arbeit (Grenze"
        " %(limit)s Tage).",
        "Goedgekeurd maar niet op een factuur, %(days)s dagen na het werk (grens %(limit)s dagen).",
        "Validée mais absente de toute facture, %(days)s jours après le travail (limite"
        " %(limit)s jours).",
    ),
    "Logged %(logged)s of %(expected)s on %(weekday)s.": (
        "%(logged)s von %(expected)s am %(weekday)s erfasst.",
        "%(logged)s van %(expected)s geboekt op %(weekday)s.",
        "Saisi : %(logged)s sur %(expected)s le %(weekday)s.",
    ),
    # --- Imports: why a row cannot be imported -------------------------------------------------
    "%(value)s has no time of day": (
        "%(value)s hat keine Uhrzeit",
        "%(value)s heeft geen tijdstip",
        "%(value)s n'a pas d'heure",
    ),
    "%(value)s is not a currency we know": (
        "%(value)s ist keine uns bekannte Währung",
        "%(value)s is geen valuta die we kennen",
        "%(value)s n'est pas une devise que nous connaissons",
    ),
    "%(value)s is not a date": (
        "%(value)s ist kein Datum",
        "%(value)s is geen datum",
        "%(value)s n'est pas une date",
    ),
    "%(value)s is not a date (%(format)s)": (
        "%(value)s ist kein Datum (%(format)s)",
        "%(value)s is geen datum (%(format)s)",
        "%(value)s n'est pas une date (%(format)s)",
    ),
    "%(value)s is not a duration (HH:MM:SS)": (
        "%(value)s ist keine Dauer (HH:MM:SS)",
        "%(value)s is geen duur (UU:MM:SS)",
        "%(value)s n'est pas une durée (HH:MM:SS)",
    ),
    "%(value)s is not a number": (
        "%(value)s ist keine Zahl",
        "%(value)s is geen getal",
        "%(value)s n'est pas un nombre",
    ),
    "%(value)s is not a time of day": (
        "%(value)s ist keine Uhrzeit",
        "%(value)s is geen tijdstip",
        "%(value)s n'est pas une heure",
    ),
    "%(value)s is not yes or no": (
        "%(value)s ist weder ja noch nein",
        "%(value)s is geen ja of nee",
        "%(value)s n'est ni oui ni non",
    ),
    "empty number": ("leere Zahl", "leeg getal", "nombre vide"),
    "hours cannot be negative": (
        "Stunden können nicht negativ sein",
        "uren kunnen niet negatief zijn",
        "les heures ne peuvent pas être négatives",
    ),
    "%(moment)s does not exist in %(zone)s (clocks moved forward)": (
        "%(moment)s gibt es in %(zone)s nicht (Uhren wurden vorgestellt)",
        "%(moment)s bestaat niet in %(zone)s (klok ging vooruit)",
        "%(moment)s n'existe pas en %(zone)s (passage à l'heure d'été)",
    ),
    "%(value)s has no offset": (
        "%(value)s hat keinen Versatz",
        "%(value)s heeft geen verschuiving",
        "%(value)s n'a pas de décalage",
    ),
    "The end is not after the start.": (
        "Das Ende liegt nicht nach dem Beginn.",
        "Het einde ligt niet na het begin.",
        "La fin n'est pas après le début.",
    ),
    "%(value)s is not a time": (
        "%(value)s ist keine Zeitangabe",
        "%(value)s is geen tijd",
        "%(value)s n'est pas une heure",
    ),
    "%(value)s is not a time with an offset": (
        "%(value)s ist keine Zeitangabe mit Versatz",
        "%(value)s is geen tijd met verschuiving",
        "%(value)s n'est pas une heure avec décalage",
    ),
    "No project.": ("Kein Projekt.", "Geen project.", "Aucun projet."),
    "No hours.": ("Keine Stunden.", "Geen uren.", "Aucune heure."),
    "No stop time: the frame was still running.": (
        "Keine Endzeit: der Frame lief noch.",
        "Geen stoptijd: het frame liep nog.",
        "Pas d'heure de fin : le frame était encore en cours.",
    ),
    "Not a Watson frame.": ("Kein Watson-Frame.", "Geen Watson-frame.", "Pas un frame Watson."),
    "The stop is not after the start.": (
        "Das Ende liegt nicht nach dem Beginn.",
        "De stop ligt niet na het begin.",
        "L'arrêt n'est pas après le début.",
    ),
    "A %(kind)s record, not worked time.": (
        "Ein Datensatz vom Typ %(kind)s, keine Arbeitszeit.",
        "Een record van het type %(kind)s, geen gewerkte tijd.",
        "Un enregistrement de type %(kind)s, pas du temps travaillé.",
    ),
    "No begin time.": ("Keine Beginnzeit.", "Geen begintijd.", "Pas d'heure de début."),
    "No end time: the entry was still running when exported.": (
        "Keine Endzeit: der Eintrag lief beim Export noch.",
        "Geen eindtijd: de boeking liep nog bij het exporteren.",
        "Pas d'heure de fin : la saisie était encore en cours lors de l'export.",
    ),
    "A %(kind)s entry, not worked time.": (
        "Ein Eintrag vom Typ %(kind)s, keine Arbeitszeit.",
        "Een boeking van het type %(kind)s, geen gewerkte tijd.",
        "Une saisie de type %(kind)s, pas du temps travaillé.",
    ),
    "%(fields)s fields where the header has %(width)s.": (
        "%(fields)s Felder, wo die Kopfzeile %(width)s hat.",
        "%(fields)s velden waar de kopregel er %(width)s heeft.",
        "%(fields)s champs là où l'en-tête en a %(width)s.",
    ),
    # --- Imports over the API: the mapping field's refusals ---------------------------------------
    'A JSON object: {"key": "id or new"}.': (
        'Ein JSON-Objekt: {"key": "id or new"}.',
        'Een JSON-object: {"key": "id or new"}.',
        'Un objet JSON : {"key": "id or new"}.',
    ),
    '%(key)s: use an id or "new".': (
        '%(key)s: Verwenden Sie eine ID oder "new".',
        '%(key)s: gebruik een id of "new".',
        '%(key)s : utilisez un identifiant ou "new".',
    ),
}
