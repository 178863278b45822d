"""French: the words the rules are built from. Data only; the regular expressions live with the rules.

Lower-case unless the case matters; multi-word entries are written with single spaces (the rules accept any run
of spaces and either apostrophe).
"""

CODE = "fr"

# Words that neither start nor end a proper name ("Selon Alexandr Wang", "Lancée en 2023").
FUNCTION_WORDS = """
a à au aux ce ces cet cette dans de des du elle elles en et il ils je la le les leur leurs lui mais ne nous on
ou où par pas pour qu que qui sa se selon ses si son sur un une vous y ainsi alors après avant aussi autre
cela celui chaque comme comment depuis donc dont encore entre face grâce hier lors même moins notamment outre
parmi pendant plus puis quand sans sous tandis tous tout toute toutes très voici voilà enfin désormais déjà
pourtant cependant néanmoins toutefois car lorsque puisque quoique parce afin tant mais or ni soit chez
m mme mm mlle dr pr
""".split()

# Capitalised words that are not names by themselves (headings capitalise them, titles precede names).
COMMON_CAPITALISED = """
ia intelligence artificielle gouvernement état etat président présidente premier première ministre commission
chapitre partie article photo vidéo source lire aussi mise jour exclusif pdg directeur directrice fondateur
fondatrice cofondateur cofondatrice général générale patron patronne porte-parole analyste chercheur chercheuse
professeur professeure maire gouverneur sénateur sénatrice député députée avocat avocate juge tribune portrait
actualité économie politique société culture sport sports international région monde tech techno bourse menu
accueil rechercher république états nation constitution comité chambre conseil homme union opposition ouest sud
est finances
""".split()

# Abbreviations of common nouns, never the name of something a reader follows: contracts, taxes, measures,
# statistics ("un CDI", "le Smic", "le PIB"). Units are in UNITS.
COMMON_ABBREVIATIONS = """
cdi cdd smic pib tva ong adn arn vtt utc gmt rtt hlm sms mms pdg dg drh rsa apl ivg pma vih gps usb pdf ia ht ttc
qr rh btp btc ttc tpe pme eti cac pv ssd ram cv agi
""".split()

# Adjectives that follow a capitalised noun without making a name of it ("la Terre entière", "l'Union tout
# entière", "le Conseil lui-même"): see names.py, where "l'État islamique" is a name.
NOT_NAME_ADJECTIVES = """
entier entière entiers entières seul seule seuls seules même mêmes dernier dernière derniers dernières prochain
prochaine prochains prochaines ancien ancienne anciens anciennes actuel actuelle actuels actuelles nouveau nouvelle
nouveaux nouvelles premier première premiers premières deuxième second seconde propre propres certain certaine
certains certaines plusieurs différents différentes tel telle tels telles
""".split()

# Common nouns that begin an official name in French typography, which writes them in lower case: "rue de Rivoli",
# "ministère de l'Intérieur", "université de Lille", "gare du Nord". A name the model finds that starts with any
# other lower-case noun is that noun and a name ("télescope Kepler", "guerre du Vietnam"): the name is the rest.
NAME_GENERICS = """
rue avenue boulevard place quai allée chemin impasse cours square pont porte gare route passage esplanade
ministère université académie institut école lycée collège hôpital clinique stade hôtel musée palais château
théâtre opéra cathédrale basilique abbaye mosquée synagogue temple église île îles lac mont mer océan golfe
canal fleuve vallée forêt parc jardin aéroport port conseil cour tribunal parquet assemblée sénat commission
agence banque fédération confédération comité association syndicat parti mouvement union fondation festival
concours championnat championnats coupe jeux tournoi rallye tour grand prix
""".split()

# Between the words of a name: "Banque de France", "Fos-sur-Mer" is one word.
NAME_CONNECTORS = "de du des la le d'".split()

# Elided words glued to the next one: l'IA, d'OpenAI, qu'Amazon, jusqu'à.
ELISIONS = "l d j m n s t c qu jusqu lorsqu puisqu quoiqu presqu".split()

# Jobs and titles: what a person is, before or after the name ("le PDG Mark Zuckerberg", "Susan Li, directrice
# financière"). Also cues that a name is a person.
ROLES = """
pdg président présidente directeur directrice fondateur fondatrice cofondateur cofondatrice patron patronne
chercheur chercheuse scientifique analyste ministre ingénieur ingénieure porte-parole responsable associé associée
gérant gérante maire gouverneur gouverneure sénateur sénatrice député députée avocat avocate juge professeur
professeure économiste ancien ancienne vice-président vice-présidente dirigeant dirigeante journaliste élu élue
conseiller conseillère commissaire secrétaire trésorier trésorière consultant consultante expert experte
investisseur investisseuse entrepreneur entrepreneuse codirecteur codirectrice chef cheffe administrateur
administratrice délégué déléguée coprésident coprésidente général générale colonel capitaine lieutenant commandant
amiral sergent maréchal préfet préfète procureur procureure abbé pape cardinal évêque archevêque entraîneur
entraîneuse sélectionneur sélectionneuse joueur joueuse défenseur attaquant attaquante milieu gardien gardienne
ailier capitaine arbitre syndicaliste militant militante manifestant manifestante témoin enquêteur enquêtrice
magistrat magistrate présidente-directrice
""".split()
HONORIFICS = "m. mme mlle dr pr me".split()
# Words that qualify a role: "directrice financière", "directeur général adjoint".
ROLE_MODIFIERS = """financier financière général générale technique adjoint adjointe exécutif exécutive délégué déléguée
scientifique premier première""".split()

# Speech verbs, as infinitives; every tense and both orders are generated from them (see SPEECH_FORMS).
SPEECH_VERBS_ER = """
déclarer affirmer expliquer indiquer préciser souligner ajouter estimer assurer annoncer confier marteler
insister rappeler lancer résumer commenter observer répéter justifier noter raconter détailler avancer
analyser nuancer tempérer dénoncer regretter déplorer réitérer signaler relever constater confirmer
argumenter plaider tweeter témoigner juger pointer recommander alerter fustiger critiquer saluer avouer
concéder glisser lâcher ironiser corriger rétorquer protester insister exposer développer défendre?
""".replace("défendre?", "").split()
# Reflexive speech verbs: "s'inquiète-t-il", "s'est félicité".
SPEECH_VERBS_REFLEXIVE_ER = "exclamer inquiéter alarmer féliciter étonner interroger emporter amuser".split()
# Irregular verbs: infinitive -> the forms used in reported speech (present, past participle, imperfect,
# simple past, future).
SPEECH_VERBS_IRREGULAR = {
    "dire": "dit disent disait disaient dira diront dirent",
    "écrire": "écrit écrivent écrivait écrivaient écrira écrivit",
    "répondre": "répond répondent répondu répondait répondra répondit",
    "reconnaître": "reconnaît reconnait reconnaissent reconnu reconnaissait reconnut",
    "admettre": "admet admettent admis admettait admit",
    "promettre": "promet promettent promis promettait promit",
    "prévenir": "prévient préviennent prévenu prévenait prévint",
    "soutenir": "soutient soutiennent soutenu soutenait soutint",
    "poursuivre": "poursuit poursuivent poursuivi poursuivait",
    "conclure": "conclut concluent conclu concluait",
    "avertir": "avertit avertissent averti avertissait",
    "réagir": "réagit réagissent réagi réagissait",
    "s'interroger": "s'interroge",
    "ironiser": "ironise ironisé ironisait",
    "reprendre": "reprend reprennent repris reprenait reprit",
    "convenir": "convient conviennent convenu convenait",
    "décrire": "décrit décrivent décrivait",
    "croire": "croit croient cru croyait",
}
# Present participles of the irregular speech verbs: "en disant : « … »".
SPEECH_PARTICIPLES = "disant écrivant répondant reconnaissant admettant promettant concluant réagissant".split()
# Auxiliaries of compound tenses: "a déclaré", "avait justifié", "aurait confié", "ont expliqué".
AUXILIARIES = "a ont avait avaient aurait auraient aura auront est sont était s'est s'était".split()
SUBJECT_PRONOUNS = {"il": "he", "elle": "she", "ils": "they", "elles": "they"}
OBJECT_PRONOUNS = {"lui": "he", "elle": "she", "eux": "they"}
# Words before quotation marks that hold a title or a name, not speech: "le film « … »", "baptisé « … »".
TITLE_CUES = """
film films livre livres roman romans essai ouvrage album chanson chansons titre titres émission émissions série
séries spectacle pièce exposition tableau documentaire rubrique journal hashtag slogan slogans devise opération
programme plan projet loi intitulé intitulée intitulés intitulées baptisé baptisée baptisés baptisées nommé nommée
surnommé surnommée appelé appelée dénommé dénommée
""".split() + ["mot d'ordre", "sous le nom de"]

# "Selon X, « … »", "D'après X", "Pour X, …" (this last one only before a quotation).
ACCORDING_TO = ["selon", "d'après", "pour"]
# Speakers described, not named: "un porte-parole de Meta", "le géant de la technologie".
DESCRIBED_SPEAKERS = ["porte-parole", "gérant", "gérante", "analyste", "dirigeant", "dirigeante", "responsable",
                      "cadre", "source", "proche", "conseiller", "conseillère", "salarié", "salariée", "ingénieur",
                      "expert", "experte", "observateur", "avocat", "avocate", "représentant", "représentante"]
ORGANISATION_DESCRIPTIONS = ["géant", "groupe", "entreprise", "société", "firme", "compagnie", "maison mère",
                             "américain", "californien", "réseau social", "quotidien", "journal", "hebdomadaire",
                             "magazine", "agence", "chaîne", "radio", "site", "constructeur", "fabricant", "club",
                             "syndicat", "parti", "ministère", "gouvernement", "organisation", "association", "ONG"]
ARTICLES = "un une le la l' les des du de son sa ses leur".split()

# What an organisation, a place, a product is called in a sentence: "la start-up Sygma", "à Odense".
ORGANISATION_NOUNS = """
start-up startup jeune pousse société entreprise groupe firme fonds banque laboratoire labo cabinet compagnie
opérateur fournisseur assureur éditeur fabricant constructeur licorne association collectif syndicat agence
université école institut fondation ong régulateur autorité ministère commission journal quotidien hebdomadaire
magazine média site chaîne radio rival concurrent investisseur partenaire client filiale
""".split()
ORGANISATION_AFTER = "chez rejoint racheté rachète acquis investi".split()
PLACE_PREPOSITIONS = ["à", "au", "aux", "vers", "près de", "en", "dans la ville de", "ville de", "état de",
                      "région de", "campus de", "province de", "département de", "commune de"]
PLACE_NOUNS = """
ville commune région état province pays capitale campus site centre usine port département quartier village
""".split()
PRODUCT_NOUNS = """
modèle application appli assistant chatbot logiciel version puce lunettes casque plateforme réseau social
projet outil service robot système processeur bracelet montre téléphone smartphone
""".split()

# Numbers written in words, and what a "dizaine" means.
NUMBER_WORDS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9,
    "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20,
    "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60, "cent": 100, "cents": 100, "mille": 1000,
}
APPROXIMATE_NUMBERS = {
    "dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30, "quarantaine": 40,
    "cinquantaine": 50, "soixantaine": 60, "centaine": 100, "millier": 1000,
}
# Scales after a number: "14,3 milliards", "80 Md$", "3 M€". "billion" is a million millions in French.
SCALES = {
    "mille": 1e3, "k": 1e3, "million": 1e6, "millions": 1e6, "m": 1e6, "mn": 1e6, "mio": 1e6,
    "milliard": 1e9, "milliards": 1e9, "md": 1e9, "mds": 1e9, "mrd": 1e9, "mrds": 1e9, "g": 1e9,
    "billion": 1e12, "billions": 1e12,
}
NUMBER_JOINERS = ["et", "à", "ou", "-"]  # "entre 66 et 72 milliards", "8 à 10 milliards"
DECIMAL_SEPARATOR = ","
# Words after a number that make it a duration or a date, not a count.
TIME_UNITS = """
an ans année années mois jour jours heure heures h minute minutes min seconde secondes semaine semaines siècle
siècles décennie décennies trimestre trimestres janvier février mars avril mai juin juillet août septembre octobre
novembre décembre
""".split()
# A number followed by these is not counted ("3 d'entre eux", "2 contre 1").
NOT_COUNTED = "d'entre contre sur h heures".split()

# Units: words -> the normalised unit of a figure (shared by both languages' tables, see UNITS below).
UNITS = {
    "paramètres": "parameters", "centres de données": "data centres", "centre de données": "data centres",
    "datacenters": "data centres", "data centers": "data centres", "processeurs graphiques": "chips",
    "puces": "chips", "accélérateurs": "chips", "gpu": "chips", "employés": "employees", "salariés": "employees",
    "collaborateurs": "employees", "chercheurs": "researchers", "ingénieurs": "engineers",
    "utilisateurs": "users", "abonnés": "users", "téléchargements": "downloads", "pays": "countries",
    "jetons": "tokens", "tokens": "tokens", "mégawatts": "MW", "mw": "MW", "gigawatts": "GW", "gigawatt": "GW",
    "gw": "GW", "emplois": "jobs", "experts": "experts",
    # energy is not power: a gigawatt-hour is a quantity, a gigawatt a capacity
    "gwh": "GWh", "gigawattheures": "GWh", "gigawatts-heure": "GWh", "gigawattheure": "GWh", "mwh": "MWh",
    "mégawattheures": "MWh", "kwh": "kWh", "kilowattheures": "kWh", "twh": "TWh", "térawattheures": "TWh",
    "kw": "kW", "kilowatts": "kW", "tonnes": "t", "tonne": "t", "kilomètres": "km", "km": "km", "kilos": "kg",
    "kilogrammes": "kg", "kg": "kg", "hectares": "ha", "mètres carrés": "m²", "m²": "m²", "litres": "l",
}
# How a figure's unit reads on the (French) site.
UNIT_LABELS = {
    "parameters": "paramètres", "data centres": "centres de données", "chips": "puces", "employees": "employés",
    "researchers": "chercheurs", "users": "utilisateurs", "downloads": "téléchargements", "countries": "pays",
    "tokens": "tokens", "jobs": "emplois", "experts": "experts", "times": "fois", "engineers": "ingénieurs",
}
CURRENCY_WORDS = {
    "USD": ["dollars", "dollar", "dollars américains", "dollars us"],
    "EUR": ["euros", "euro"],
    "GBP": ["livres sterling", "livres", "livre sterling"],
    "CNY": ["yuans", "yuan"],
    "CHF": ["francs suisses"],
    "CAD": ["dollars canadiens"],
}

# Page furniture. Labels that stand alone on a line, before teasers of other articles.
RELATED_LABELS = [
    "à lire aussi", "a lire aussi", "à lire également", "lire aussi", "lire également", "voir aussi",
    "sur le même sujet", "dans la même rubrique", "nos articles", "articles similaires", "articles liés",
    "à la une", "les plus lus", "les plus partagés", "les plus commentés", "le plus lu", "à découvrir",
    "à ne pas manquer", "ces articles pourraient vous intéresser", "vous aimerez aussi", "vous aimerez peut-être",
    "dernières actualités", "dernières infos", "toute l'actualité", "les dernières vidéos", "sélectionné pour vous",
    "recommandé pour vous", "en continu", "en ce moment", "contenus sponsorisés", "nos partenaires",
    "offert par nos partenaires", "article à lire", "articles à lire", "à lire ensuite", "lire la suite",
    "lire plus tard", "ailleurs sur le web",
]
# Labels that announce the comments: the article is over.
COMMENT_LABELS = [
    "commentaires", "commentaire", "réactions", "réaction", "laisser un commentaire", "ajouter un commentaire",
    "écrire un commentaire", "voir les commentaires", "afficher les commentaires", "réagissez", "réagir",
    "vos réactions", "participer à la conversation", "répondre", "signaler un abus", "votre commentaire",
]
SHARE_WORDS = ["partager", "partagez", "partagez-le", "tweeter", "imprimer", "envoyer par e-mail",
               "envoyer par mail", "copier le lien", "enregistrer", "écouter", "écouter l'article",
               "écouter plus tard", "télécharger", "mes favoris", "ajouter à mes favoris", "sauvegarder",
               "sauvegarder l'article", "sauvegarder cet article", "lire plus tard", "offrir l'article",
               "offrir cet article", "commenter", "suivre", "suivre ce sujet", "ajouter aux favoris"]
SUBSCRIBE_WORDS = ["abonnez-vous", "inscrivez-vous", "s'abonner", "je m'abonne", "suivez-nous", "recevez",
                   "recevez notre", "newsletter", "infolettre", "rejoignez-nous", "déjà abonné", "réservé aux abonnés",
                   "offre spéciale", "essai gratuit", "profitez", "découvrir l'offre"]
ACCOUNT_WORDS = ["se connecter", "connexion", "mon compte", "créer un compte", "s'inscrire", "déconnexion",
                 "identifiez-vous", "me connecter", "espace abonné", "mon espace"]
NAVIGATION_WORDS = ["menu", "rechercher", "recherche", "accueil", "retour en haut", "haut de page",
                    "aller au contenu", "aller au menu", "fermer", "direct", "podcasts", "émissions",
                    "réécouter", "plus", "suivant", "précédent", "page suivante"]
READING_TIME = ["temps de lecture", "lecture", "min de lecture", "minutes de lecture"]
COOKIE_WORDS = ["cookies", "traceurs", "accepter", "refuser", "paramétrer", "tout accepter", "tout refuser",
                "personnaliser", "gérer mes choix", "continuer sans accepter"]
DATE_LABELS = ["publié le", "publié", "mis à jour le", "mis à jour", "modifié le", "actualisé le", "diffusé le",
               "posté le", "le"]
BYLINE_WORDS = ["par", "écrit par", "propos recueillis par", "avec"]
AUTHOR_BIO_VERBS = ["est", "était", "a été"]
AUTHOR_BIO_NOUNS = ["journaliste", "rédacteur", "rédactrice", "correspondant", "correspondante", "reporter",
                    "chroniqueur", "chroniqueuse", "chercheur", "chercheuse", "professeur", "professeure",
                    "auteur", "autrice", "éditorialiste", "rédacteur en chef", "rédactrice en chef", "économiste",
                    "spécialiste"]
DISCLAIMERS = [
    "les opinions exprimées", "n'engagent que", "à titre indicatif", "ne constituent pas un conseil",
    "rédigé avec l'aide", "liens affiliés", "lien affilié", "tous droits réservés", "reproduction interdite",
    "mentions légales", "politique de confidentialité", "conditions générales", "gestion des cookies",
    "propulsé par", "cet article a été", "cet article est paru", "article publié dans", "avec l'aide d'un outil",
]
SECTION_WORDS = ["tribune", "portrait", "chronique", "éditorial", "analyse", "enquête", "entretien", "reportage",
                 "décryptage", "exclusif", "vidéo", "podcast", "live", "direct", "opinion", "point de vue"]
# The names of a newspaper's sections, which a page writes above or beside the headline: a line made only of
# them ("Économie & Entreprises", "Politique - Société") is a section label, never the headline.
SECTION_NAMES = """
actualité actualités info infos politique économie éco entreprises industrie finance finances marchés bourse monde
international europe france national régions région société culture culture-loisirs sport sports sciences science
santé tech technologie technologies high-tech numérique médias idées débats opinions planète environnement
climat auto automobile immobilier emploi vie quotidien loisirs people éducation justice faits divers archives
à la une dernière heure la une
""".split()
CAPTION_WORDS = ["photo", "photos", "crédit", "crédits", "crédit photo", "illustration", "légende", "image",
                 "infographie", "vidéo"]
PAYWALL = ["réservé aux abonnés", "article réservé", "pour lire la suite", "lire la suite de l'article",
           "la suite est réservée", "déjà abonné", "cet article vous est offert", "il vous reste", "contenu premium",
           "accédez à l'intégralité", "connectez-vous pour lire"]
AD_WORDS = ["publicité", "sponsorisé", "contenu sponsorisé", "annonce", "contenu partenaire", "en partenariat avec"]
