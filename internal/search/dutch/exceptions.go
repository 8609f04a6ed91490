package dutch

// exceptions maps irregular forms to the word they belong to (the lemma); the lemma is then
// stemmed like any other word, so both sides of a search meet on the same stem. Only forms the
// rules cannot derive are listed: irregular plurals, strong verbs, and words whose regular stem
// would not meet its family (schaamte/schamen). Every entry is explainable by reading it.
var exceptions = map[string]string{
	// kind: irregular plural, diminutives and the compound form kinder- (kinderopvang).
	"kinderen": "kind", "kinders": "kind", "kinder": "kind", "kindje": "kind", "kindjes": "kind",
	"kindertjes": "kind", "kindertje": "kind",
	// schamen: the noun and the participle keep the long vowel the infinitive loses.
	"schaamte": "schamen", "schaamt": "schamen", "schaamde": "schamen", "schaamden": "schamen",
	"beschaamd": "schamen", "geschaamd": "schamen", "beschaamde": "schamen",
	// Irregular plurals.
	"steden": "stad", "schepen": "schip", "leden": "lid", "eieren": "ei", "koeien": "koe",
	"gelegenheden": "gelegenheid", "bladeren": "blad", "liederen": "lied",
	// Strong and irregular verbs teachers write about (past tense and participle).
	"ging": "gaan", "gingen": "gaan", "gegaan": "gaan", "gaat": "gaan",
	"kwam": "komen", "kwamen": "komen", "gekomen": "komen", "komt": "komen",
	"deed": "doen", "deden": "doen", "gedaan": "doen", "doet": "doen",
	"kreeg": "krijgen", "kregen": "krijgen", "gekregen": "krijgen",
	"vond": "vinden", "vonden": "vinden", "gevonden": "vinden",
	"durfde": "durven", "durfden": "durven", "dorst": "durven", "gedurfd": "durven",
	"wist": "weten", "wisten": "weten", "geweten": "weten",
	"dacht": "denken", "dachten": "denken", "gedacht": "denken",
	"zei": "zeggen", "zeiden": "zeggen", "gezegd": "zeggen",
	"bracht": "brengen", "brachten": "brengen", "gebracht": "brengen",
	"vocht": "vechten", "vochten": "vechten", "gevochten": "vechten",
	"loog": "liegen", "logen": "liegen", "gelogen": "liegen", "liegt": "liegen",
	"liep": "lopen", "liepen": "lopen", "gelopen": "lopen", "wegliep": "weglopen", "weggelopen": "weglopen",
	"bleef": "blijven", "bleven": "blijven", "gebleven": "blijven",
	"schreef": "schrijven", "schreven": "schrijven", "geschreven": "schrijven",
	"sloeg": "slaan", "sloegen": "slaan", "geslagen": "slaan", "slaat": "slaan",
	"verloor": "verliezen", "verloren": "verliezen",
	"vergat": "vergeten", "vergaten": "vergeten",
	"koos": "kiezen", "kozen": "kiezen", "gekozen": "kiezen",
	"vroeg": "vragen", "vroegen": "vragen", "gevraagd": "vragen",
	"hielp": "helpen", "hielpen": "helpen", "geholpen": "helpen",
	"sprak": "spreken", "spraken": "spreken", "gesproken": "spreken",
	"zweeg": "zwijgen", "zwegen": "zwijgen", "gezwegen": "zwijgen",
	"dronk": "drinken", "dronken": "drinken", "gedronken": "drinken",
	"sliep": "slapen", "sliepen": "slapen", "geslapen": "slapen",
	"las": "lezen", "lazen": "lezen", "gelezen": "lezen", "leest": "lezen",
	"schrok": "schrikken", "schrokken": "schrikken", "geschrokken": "schrikken",
	"verdween": "verdwijnen",
	"begon":    "beginnen", "begonnen": "beginnen",
	"zat": "zitten", "zaten": "zitten", "gezeten": "zitten",
	"stond": "staan", "stonden": "staan", "gestaan": "staan", "staat": "staan",
	"lag": "liggen", "lagen": "liggen", "gelegen": "liggen",
	"gaf": "geven", "gaven": "geven", "gegeven": "geven", "geeft": "geven",
	"trok": "trekken", "trokken": "trekken", "getrokken": "trekken",
	"hing": "hangen", "hingen": "hangen", "gehangen": "hangen",
	"verliet": "verlaten", "verlieten": "verlaten",
	"mocht": "mogen", "mochten": "mogen",
	"moest": "moeten", "moesten": "moeten",
	"wilde": "willen", "wilden": "willen", "wou": "willen",
	"zag": "zien", "zagen": "zien", "ziet": "zien",
	"at": "eten", "aten": "eten", "gegeten": "eten",
	"stierf": "sterven", "stierven": "sterven", "gestorven": "sterven", "overleden": "overlijden",
	"zong": "zingen", "gezongen": "zingen",
	"won": "winnen", "gewonnen": "winnen",
	"viel": "vallen", "vielen": "vallen", "gevallen": "vallen",
	"hield": "houden", "hielden": "houden", "gehouden": "houden",
	"kocht": "kopen", "gekocht": "kopen",
	"zocht": "zoeken", "gezocht": "zoeken",
	"pestte": "pesten", "pestten": "pesten",
	"gescheiden": "scheiden", "verdwenen": "verdwijnen",
}

// lexicalized diminutives are words of their own; stripping -je would turn them into
// something else (meisje is not a small "meis").
var lexicalized = map[string]bool{
	"meisje": true, "beetje": true, "sprookje": true, "toetje": true, "dutje": true,
	"tientje": true, "plaatje": true, "lootje": true, "ommetje": true,
}
