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
        "Sehen Sie in Ihre E-Mails",
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
    "Code": ("Code", "Code", "Code"),
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
    "Done": ("Fertig", "Klaar", "Terminé"),
    "Give the 6-digit code from your authenticator app, or one of your recovery codes.": (
        "Geben Sie den 6-stelligen Code aus Ihrer Authenticator-App oder einen Ihrer"
        " Wiederherstellungscodes ein.",
        "Geef de 6-cijferige code uit uw authenticator-app, of een van uw herstelcodes.",
        "Saisissez le code à 6 chiffres de votre application d'authentification, ou l'un de vos"
        " codes de secours.",
    ),
    "Verify": ("Prüfen", "Controleren", "Vérifier"),
    # --- Audit log ------------------------------------------------------------------------------
    "append-only": ("nur anfügend", "alleen toevoegen", "en ajout seul"),
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
    "Clear": ("Leeren", "Wissen", "Effacer"),
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
    "Goes to": ("Wird zu", "Gaat naar", "Va vers"),
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
}
