package ingesttest

// The templates of the full-length generator, Danish [0] and English [1].
// Slots: {town} {country} {a} {b} ({A} {B} capitalised): the place and the
// kind's two parties; {date} {wday} the incident's day; {bgdate} {bgmonth}
// an older event; {nextdate} a planned one; figures {killed} {killed2}
// {injured} {injured2} {arrested} {arrested2} {crowd} {crowd2} {hostages}
// {freed} {bgkilled} {bgarrested} {days}; {cause}; people {p1}–{p4};
// {photog} {agency}.

var kinds = []kind{
	{
		name:  "protest",
		civil: true,
		places: []place{
			{town: pair{"Aarhus", "Aarhus"}, country: pair{"Danmark", "Denmark"}, region: "dk", a: pair{"Østjyllands Politi", "East Jutland Police"}},
			{town: pair{"Berlin", "Berlin"}, country: pair{"Tyskland", "Germany"}, region: "eu", a: pair{"politiet i Berlin", "Berlin police"}},
			{town: pair{"Nairobi", "Nairobi"}, country: pair{"Kenya", "Kenya"}, region: "eafrica", a: pair{"det kenyanske politi", "the Kenyan police"}},
			{town: pair{"Odense", "Odense"}, country: pair{"Danmark", "Denmark"}, region: "dk", a: pair{"Fyns Politi", "Funen Police"}},
			{town: pair{"Madrid", "Madrid"}, country: pair{"Spanien", "Spain"}, region: "eu", a: pair{"det spanske politi", "Spanish police"}},
			{town: pair{"Tbilisi", "Tbilisi"}, country: pair{"Georgien", "Georgia"}, region: "cis", a: pair{"indenrigsministeriet", "the interior ministry"}},
			{town: pair{"Aalborg", "Aalborg"}, country: pair{"Danmark", "Denmark"}, region: "dk", a: pair{"Nordjyllands Politi", "North Jutland Police"}},
			{town: pair{"Lima", "Lima"}, country: pair{"Peru", "Peru"}, region: "latam", a: pair{"det peruvianske politi", "Peruvian police"}},
		},
		heads: [2][]string{{
			"Tusindvis demonstrerede i {town} mod {cause}",
			"Stor demonstration i {town}: {crowd} gik på gaden ifølge politiet",
		}, {
			"Thousands protest in {town} against {cause}",
			"Tens of thousands march in {town} over {cause}",
		}},
		leads: [2][]string{{
			"Flere tusinde mennesker demonstrerede i {town} {wday} den {date} mod {cause}. Toget gik fra banegården til byens rådhusplads, hvor en række talere tog ordet.",
			"Tusindvis af mennesker protesterede i {town} {wday} den {date} mod {cause}. Det lange tog bevægede sig gennem centrum af byen i over tre timer.",
		}, {
			"Thousands of people marched through the centre of {town} on {date} to protest against {cause}, in one of the largest demonstrations the city has seen this year.",
			"Crowds filled the streets of {town} on {wday}, {date}, as protesters rallied against {cause} and demanded that the government change course.",
		}},
		nReq: 4,
		body: [2][]string{{
			"Ifølge {a} var omkring {crowd} mennesker mødt op, da toget nåede frem til rådhuspladsen. Arrangørerne siger selv, at over {crowd2} var med, og at mange flere fulgte med fra fortovene undervejs.",
			"- Vi er her, fordi ingen lytter til os. Vi bliver ved, indtil politikerne tager os alvorligt, siger {p1}, der er talsperson for arrangørerne.",
			"Dagen forløb stort set fredeligt, men sidst på eftermiddagen satte en mindre gruppe sig på kørebanen foran rådhuset. Politiet anholdt {arrested} personer, der ifølge en vagtchef nægtede at forlade den blokerede vej.",
			"Det er ikke første gang, at {cause} sender folk på gaden i {country}. I {bgmonth} deltog flere tusinde i en lignende demonstration i {town}, og dengang blev {bgarrested} anholdt.",
			"»Det var en god og rolig dag, og langt de fleste deltagere fulgte vores anvisninger,« siger vagtchef {p2} fra {a}.",
			"Mange af deltagerne bar skilte og bannere, og flere fagforeninger havde lejet busser for at få medlemmer fra andre dele af landet til byen. Trafikken i centrum var spærret i flere timer, og busserne kørte omveje gennem forstæderne.",
			"Regeringen har indtil videre afvist at ændre planerne. En talsperson for ministeriet siger, at man vil mødes med arrangørerne i de kommende uger, men at der ikke er penge til at rulle hele aftalen tilbage.",
			"Arrangørerne har allerede varslet en ny demonstration {nextdate} og opfordrer folk fra hele landet til at møde op. De regner med, at endnu flere vil deltage næste gang.",
			"Blandt deltagerne var både studerende, pensionister og børnefamilier. Mange havde taget madpakker og termokander med, og på sidegaderne stod frivillige og delte vand og kaffe ud til dem, der havde gået hele vejen fra banegården.",
			"{A} havde sat ekstra mandskab ind og spærret flere af gaderne omkring rådhuset af med køretøjer. Ifølge vagtchefen var der tæt dialog med arrangørerne gennem hele dagen, og de fleste henvendelser handlede om trafik og førstehjælp.",
		}, {
			"According to {a}, around {crowd} people had gathered by the time the march reached the main square. Organisers put the number at more than {crowd2}, saying many more joined from the pavements along the way.",
			"\"We are here because nobody in government is listening. We will keep coming back until they do,\" said {p1}, a spokesperson for the organisers.",
			"The day was largely peaceful, but late in the afternoon a small group sat down in the road outside the town hall. Police said they had arrested {arrested} people who refused to leave the blocked road.",
			"It is not the first time that {cause} has brought people onto the streets of {country}. In {bgmonth} several thousand people joined a similar march in {town}, and {bgarrested} were arrested.",
			"\"It was a calm day and the vast majority followed our instructions,\" said {p2}, a police spokesperson.",
			"Many of the marchers carried banners and home-made placards, and trade unions had hired buses to bring members in from other parts of the country. Traffic in the centre was halted for several hours.",
			"The government has so far refused to change its plans. A ministry spokesperson said officials would meet the organisers in the coming weeks, but that there was no money to reverse the whole package.",
			"Organisers have called another march for {nextdate} and urged people from across the country to join it.",
			"Students, pensioners and families with small children were among the marchers. Many had brought packed lunches and flasks, and volunteers in the side streets handed out water and coffee to those who had walked all the way from the station.",
			"{A} had deployed extra officers and closed several streets around the town hall with vehicles. A police spokesperson said officers had been in close contact with the organisers throughout the day, mostly about traffic and first aid.",
		}},
	},
	{
		name:  "riot",
		civil: true,
		places: []place{
			{town: pair{"København", "Copenhagen"}, country: pair{"Danmark", "Denmark"}, region: "dk", a: pair{"Københavns Politi", "Copenhagen Police"}},
			{town: pair{"Paris", "Paris"}, country: pair{"Frankrig", "France"}, region: "eu", a: pair{"det franske politi", "French police"}},
			{town: pair{"Dakar", "Dakar"}, country: pair{"Senegal", "Senegal"}, region: "wafrica", a: pair{"det senegalesiske politi", "Senegalese police"}},
			{town: pair{"Beograd", "Belgrade"}, country: pair{"Serbien", "Serbia"}, region: "eu", a: pair{"det serbiske politi", "Serbian police"}},
			{town: pair{"Esbjerg", "Esbjerg"}, country: pair{"Danmark", "Denmark"}, region: "dk", a: pair{"Syd- og Sønderjyllands Politi", "South Jutland Police"}},
			{town: pair{"Nouméa", "Nouméa"}, country: pair{"Ny Kaledonien", "New Caledonia"}, region: "eu", a: pair{"det franske gendarmeri", "French gendarmes"}},
		},
		heads: [2][]string{{
			"Uroligheder i {town}: biler sat i brand og {arrested} anholdt",
			"Voldsomme optøjer i {town} efter demonstration",
		}, {
			"Rioting in {town} leaves cars burnt and {arrested} arrested",
			"Night of unrest in {town} as rioters clash with police",
		}},
		leads: [2][]string{{
			"Der var voldsomme optøjer i {town} natten til {wday} den {date}, hvor unge satte ild til biler og containere og kastede sten mod politiet.",
			"Unge mænd kastede sten og brandbomber mod betjente og satte ild til biler, da en demonstration i {town} {wday} den {date} udviklede sig til uroligheder.",
		}, {
			"Rioters set cars and bins on fire and threw stones at police in {town} overnight into {date}, after a protest against {cause} turned violent.",
			"Youths threw petrol bombs at police lines and looted shops in {town} on {date}, as a protest march descended into rioting.",
		}},
		nReq: 4,
		body: [2][]string{{
			"{A} oplyser, at {injured} betjente blev såret, heraf to alvorligt. Politiet anholdt i løbet af natten {arrested} personer, og flere kan blive sigtet for grov vold mod tjenestemand. De første blev fremstillet i grundlovsforhør i løbet af formiddagen.",
			"- Det her har intet med demonstrationsret at gøre. Det er ren kriminalitet, og vi vil finde de ansvarlige, siger politiinspektør {p1}.",
			"Ifølge beboere i området blev mindst {injured2} mennesker behandlet for skader, og flere butikker fik smadret ruderne. Brandvæsenet rykkede ud til over 40 brande.",
			"Området har været præget af uro før. I {bgmonth} brændte flere biler i de samme gader, og politiet indførte dengang en visitationszone i to uger.",
			"»Vi kunne ikke komme ud af opgangen, fordi der brændte en container lige foran døren,« fortæller {p2}, der bor i kvarteret.",
			"Borgmesteren kalder nattens hændelser dybt bekymrende og siger, at kommunen vil tale med boligforeninger og klubber i området om, hvordan man får ro i gaderne.",
			"Politiet har oprettet en visitationszone i bydelen, som gælder mindst frem til {nextdate}.",
			"Ifølge politiet begyndte urolighederne kort efter klokken 22, da en gruppe på omkring 100 unge samledes ved et indkøbscenter. Kort efter blev de første containere sat i brand, og betjente blev mødt med sten og fyrværkeri.",
			"Flere beboere fortæller, at de har ringet til politiet gentagne gange i løbet af natten uden at få svar. Politiet erkender, at der var lang ventetid, fordi alle patruljer var samlet i det område, hvor det var mest voldsomt.",
		}, {
			"{A} said {injured} officers had been hurt, two of them seriously, and that {arrested} people had been arrested during the night. Several are expected to be charged with violence against police and appeared before a judge later in the day.",
			"\"This has nothing to do with the right to protest. It is criminal violence and we will find those responsible,\" said {p1}, a senior police officer.",
			"Residents said at least {injured2} people were treated for injuries, and several shops had their windows smashed. Firefighters responded to more than 40 fires.",
			"The area has seen unrest before. In {bgmonth} cars were set alight in the same streets, and police imposed a stop-and-search zone for two weeks.",
			"\"We could not get out of the building because a bin was burning right in front of the door,\" said {p2}, who lives in the district.",
			"The mayor called the violence deeply worrying and said the city would meet housing associations and youth clubs to discuss how to restore calm.",
			"Police have declared a stop-and-search zone in the district that will remain in force at least until {nextdate}.",
			"Police said the trouble began shortly after 10 p.m., when a group of about 100 young people gathered near a shopping centre. Soon afterwards the first bins were set alight, and officers were met with stones and fireworks.",
			"Several residents said they had called police repeatedly during the night without getting an answer. Police acknowledged long waiting times, saying every patrol had been sent to the streets where the violence was worst.",
		}},
	},
	{
		name:  "arrests",
		civil: true,
		places: []place{
			{town: pair{"Istanbul", "Istanbul"}, country: pair{"Tyrkiet", "Turkey"}, region: "mideast", a: pair{"det tyrkiske politi", "Turkish police"}, b: pair{"oppositionen", "the opposition"}},
			{town: pair{"Minsk", "Minsk"}, country: pair{"Hviderusland", "Belarus"}, region: "cis", a: pair{"de hviderussiske sikkerhedsstyrker", "Belarusian security forces"}, b: pair{"oppositionen", "the opposition"}},
			{town: pair{"Moskva", "Moscow"}, country: pair{"Rusland", "Russia"}, region: "cis", a: pair{"det russiske politi", "Russian police"}, b: pair{"Kremls kritikere", "Kremlin critics"}},
			{town: pair{"Teheran", "Tehran"}, country: pair{"Iran", "Iran"}, region: "mideast", a: pair{"de iranske myndigheder", "Iranian authorities"}, b: pair{"regimets kritikere", "government critics"}},
			{town: pair{"Kampala", "Kampala"}, country: pair{"Uganda", "Uganda"}, region: "eafrica", a: pair{"det ugandiske politi", "Ugandan police"}, b: pair{"oppositionen", "the opposition"}},
		},
		heads: [2][]string{{
			"Politiet anholdt {arrested} ved razzia i {town}",
			"Massearrestationer i {town}: {arrested} tilbageholdt",
		}, {
			"Police arrest {arrested} in raids in {town}",
			"Dozens detained in {town} crackdown on {b}",
		}},
		leads: [2][]string{{
			"{A} anholdt {arrested} personer i {town} {wday} den {date} ved en række razziaer, oplyser en menneskeretsorganisation. Journalister og lokale politikere er blandt dem.",
			"Mindst {arrested} personer blev anholdt i {town} {wday} den {date}, da {a} ved daggry gennemførte razziaer mod en række adresser, siger advokater.",
		}, {
			"{A} arrested {arrested} people in {town} on {date} in a series of dawn raids, according to a human rights group. Journalists and local politicians are among them.",
			"At least {arrested} people were arrested in {town} on {wday}, {date}, when police raided dozens of homes and offices, lawyers said.",
		}},
		nReq: 4,
		body: [2][]string{{
			"Myndighederne har ikke selv oplyst et tal, men statslige medier skriver, at {arrested2} mistænkte er tilbageholdt for at have planlagt uroligheder.",
			"- Det her er et forsøg på at skræmme alle kritikere til tavshed før valget, siger {p1}, der er advokat for flere af de anholdte.",
			"Ifølge familiemedlemmer blev flere af de anholdte hentet i deres hjem tidligt om morgenen af betjente i civil. Computere, telefoner og notesbøger blev taget med, og familierne har ikke fået at vide, hvor de tilbageholdte sidder.",
			"Det er den største bølge af anholdelser siden {bgmonth}, hvor {bgarrested} blev tilbageholdt efter demonstrationer i {town}.",
			"»Min bror har aldrig gjort andet end at skrive om korruption. Nu ved vi ikke engang, hvor han er,« siger {p2}.",
			"Flere europæiske ambassader har udtrykt bekymring og opfordret myndighederne til at sikre de tilbageholdte adgang til advokater.",
			"Ifølge anklagemyndigheden skal de første fremstilles i et grundlovsforhør inden for 48 timer. Flere risikerer op til ti års fængsel.",
			"Blandt de tilbageholdte er ifølge advokaterne to redaktører fra uafhængige nyhedsmedier og en tidligere borgmester. Flere af dem har tidligere været anholdt og løsladt igen uden sigtelse.",
			"Myndighederne siger, at razziaerne er led i en efterforskning af en sammensværgelse mod staten, og at der er fundet dokumenter og penge på flere af adresserne. Beviserne er ikke blevet offentliggjort.",
		}, {
			"The authorities have not given a figure, but state media said {arrested2} suspects had been detained for planning unrest.",
			"\"This is an attempt to frighten every critic into silence before the election,\" said {p1}, a lawyer representing several of those detained.",
			"Relatives said plain-clothes officers took several of those held from their homes early in the morning and carried away computers, phones and notebooks. The families have not been told where their relatives are being held.",
			"It is the largest wave of arrests since {bgmonth}, when {bgarrested} people were detained after protests in {town}.",
			"\"My brother has never done anything but write about corruption. Now we do not even know where he is,\" said {p2}.",
			"Several European embassies expressed concern and urged the authorities to give those held access to lawyers.",
			"Prosecutors said the first suspects would appear before a judge within 48 hours. Several face up to ten years in prison.",
			"Among those held, according to lawyers, are two editors from independent news outlets and a former mayor. Several of them have been detained before and released without charge.",
			"The authorities say the raids are part of an investigation into a plot against the state and that documents and cash were found at several addresses. No evidence has been made public.",
		}},
	},
	{
		name: "clash",
		places: []place{
			{town: pair{"El Fasher", "El Fasher"}, country: pair{"Sudan", "Sudan"}, region: "sudan", a: pair{"den sudanesiske hær", "the Sudanese army"}, b: pair{"RSF-militsen", "the Rapid Support Forces"}},
			{town: pair{"Goma", "Goma"}, country: pair{"DR Congo", "DR Congo"}, region: "eafrica", a: pair{"den congolesiske hær", "the Congolese army"}, b: pair{"M23-oprørerne", "M23 rebels"}},
			{town: pair{"Gao", "Gao"}, country: pair{"Mali", "Mali"}, region: "sahel", a: pair{"Malis hær", "Mali's army"}, b: pair{"islamistiske oprørere", "Islamist fighters"}},
			{town: pair{"Bunia", "Bunia"}, country: pair{"DR Congo", "DR Congo"}, region: "eafrica", a: pair{"den congolesiske hær", "the Congolese army"}, b: pair{"CODECO-militsen", "CODECO militia fighters"}},
			{town: pair{"Maiduguri", "Maiduguri"}, country: pair{"Nigeria", "Nigeria"}, region: "wafrica", a: pair{"den nigerianske hær", "the Nigerian army"}, b: pair{"Boko Haram", "Boko Haram fighters"}},
			{town: pair{"Mandalay", "Mandalay"}, country: pair{"Myanmar", "Myanmar"}, region: "asia", a: pair{"militærjuntaen", "junta troops"}, b: pair{"oprørsgrupper", "rebel groups"}},
		},
		heads: [2][]string{{
			"Mindst {killed} dræbt i kampe ved {town}",
			"Hæren og oprørere i hårde kampe om {town}",
		}, {
			"At least {killed} killed in fighting near {town}",
			"Heavy fighting between army and rebels around {town}",
		}},
		leads: [2][]string{{
			"Mindst {killed} mennesker blev dræbt, da {a} og {b} {wday} den {date} udkæmpede hårde kampe i og omkring {town} i {country}, oplyser lokale myndigheder.",
			"Mindst {killed} mennesker blev dræbt ved hårde kampe mellem {a} og {b} i {town} {wday} den {date}, siger kilder på et lokalt hospital.",
		}, {
			"At least {killed} people were killed in {town} on {date} when {a} and {b} fought for control of the city, local officials said.",
			"Fighting between {a} and {b} killed at least {killed} people in and around {town} on {wday}, {date}, according to medical sources.",
		}},
		nReq: 4,
		body: [2][]string{{
			"Ifølge FN's kontor for humanitære anliggender er mindst {killed2} civile dræbt, og over {injured} er såret. Hæren siger, at den har dræbt {injured2} oprørere.",
			"- Vi har ikke flere senge og næsten ikke mere ilt. Der kommer nye sårede hver time, siger lægen {p1} fra byens hospital.",
			"Beboere fortæller om kraftig skudveksling og artilleri i de nordlige bydele fra tidlig morgen. Tusindvis er flygtet mod syd til fods eller på æselkærrer, og mange har kun det med, de kunne bære.",
			"Kampene om {town} har stået på med pauser siden {bgmonth}, hvor {b} første gang trængte ind i byen. Ved det angreb blev {bgkilled} dræbt.",
			"»Vi hørte eksplosioner hele natten, og om morgenen lå der lig i gaderne,« siger {p2}, som er flygtet til en nærliggende landsby med sin familie.",
			"FN's generalsekretær har opfordret begge parter til at lægge våbnene og give nødhjælpsorganisationer adgang til byen. Lastbiler med mad og medicin har holdt ved byens indfaldsveje i over en uge.",
			"Hverken {a} eller {b} har villet kommentere tallene over for nyhedsbureauerne.",
			"Ifølge lokale kilder rykkede {b} frem mod byens lufthavn i de tidlige morgentimer, men blev standset af {a} ved en bro over floden. Det har ikke været muligt at få bekræftet, hvem der kontrollerer lufthavnen nu.",
			"Læger Uden Grænser siger, at organisationens hold i området har behandlet flere end 100 sårede siden kampene begyndte, heriblandt mange børn med skudsår og brandsår. Organisationen mangler blod og bedøvelsesmidler.",
		}, {
			"The UN humanitarian office said at least {killed2} civilians had been killed and more than {injured} wounded. The army said it had killed {injured2} rebels.",
			"\"We have no more beds and almost no oxygen. New wounded arrive every hour,\" said {p1}, a doctor at the city's main hospital.",
			"Residents described heavy gunfire and shelling in the northern districts from early morning. Thousands have fled south on foot or on donkey carts, many carrying only what they could hold.",
			"The battle for {town} has gone on, with pauses, since {bgmonth}, when {b} first entered the city. {bgkilled} people were killed in that assault.",
			"\"We heard explosions all night, and in the morning there were bodies in the streets,\" said {p2}, who fled to a nearby village with his family.",
			"The UN secretary-general called on both sides to lay down their arms and let aid agencies into the city. Lorries carrying food and medicine have been waiting on the roads outside the city for more than a week.",
			"Neither {a} nor {b} would comment on the figures to news agencies.",
			"Local sources said {b} advanced on the city's airport in the early hours but were stopped by {a} at a bridge over the river. It was not possible to confirm who now controls the airport.",
			"Doctors Without Borders said its teams in the area had treated more than 100 wounded since the fighting began, many of them children with gunshot wounds and burns. The group is short of blood and anaesthetics.",
		}},
	},
	{
		name: "airstrike",
		places: []place{
			{town: pair{"Kharkiv", "Kharkiv"}, country: pair{"Ukraine", "Ukraine"}, region: "ukraine", a: pair{"russiske styrker", "Russian forces"}},
			{town: pair{"Idlib", "Idlib"}, country: pair{"Syrien", "Syria"}, region: "mideast", a: pair{"syriske og russiske fly", "Syrian and Russian warplanes"}},
			{town: pair{"Nyala", "Nyala"}, country: pair{"Sudan", "Sudan"}, region: "sudan", a: pair{"den sudanesiske hær", "the Sudanese army"}},
			{town: pair{"Sumy", "Sumy"}, country: pair{"Ukraine", "Ukraine"}, region: "ukraine", a: pair{"russiske styrker", "Russian forces"}},
			{town: pair{"Rafah", "Rafah"}, country: pair{"Gaza", "Gaza"}, region: "mideast", a: pair{"den israelske hær", "the Israeli military"}},
			{town: pair{"Sanaa", "Sanaa"}, country: pair{"Yemen", "Yemen"}, region: "mideast", a: pair{"den saudiarabisk ledede koalition", "the Saudi-led coalition"}},
		},
		heads: [2][]string{{
			"Luftangreb på {town} dræber mindst {killed}",
			"Droneangreb rammer boligområde i {town}",
		}, {
			"Air strike on {town} kills at least {killed}",
			"Drone strikes hit residential area of {town}",
		}},
		leads: [2][]string{{
			"Et luftangreb ramte et boligområde i {town} {wday} den {date}. Mindst {killed} mennesker blev dræbt og {injured} såret, oplyser de lokale myndigheder.",
			"Et droneangreb ramte et marked i {town} i {country} {wday} den {date}. Ifølge redningsfolk blev mindst {killed} mennesker dræbt.",
		}, {
			"An air strike hit a residential area of {town} on {date}, killing at least {killed} people and wounding {injured}, local authorities said.",
			"At least {killed} people were killed when drones struck a market in {town}, {country}, on {wday}, {date}, rescue workers said.",
		}},
		nReq: 4,
		body: [2][]string{{
			"Ifølge redningstjenesten er {killed2} bekræftet dræbt, og antallet kan stige, fordi flere stadig ligger under murbrokkerne. Hospitalerne har modtaget over {injured2} sårede.",
			"- Der var ingen militære mål her. Det var en almindelig eftermiddag med børn på legepladsen, siger {p1}, der er borgmester i {town}.",
			"{A} har ikke kommenteret nedslaget direkte, men siger i en erklæring, at man kun går efter militære mål, og at oplysningerne om civile ofre er propaganda.",
			"Byen blev også ramt {bgdate}, da et missilangreb dræbte {bgkilled} mennesker i et indkøbscenter.",
			"»Jeg hørte først flyet og så et brag, der fik alle ruderne til at springe,« siger {p2}, som bor to gader fra nedslaget.",
			"Billeder fra stedet viser en femetagers boligblok, hvor hele facaden er revet af. Redningsfolk arbejdede gennem natten med projektører.",
			"Menneskerettighedsorganisationer kræver en uafhængig undersøgelse og siger, at der kan være tale om en krigsforbrydelse, fordi der ikke var militære anlæg i nærheden.",
			"Ifølge byens administration blev over 30 bygninger beskadiget, og omkring 200 mennesker har mistet deres hjem. Kommunen har åbnet to skoler som midlertidige opholdssteder, og frivillige samler tøj og mad ind.",
			"Luftværnet skød ifølge forsvaret flere droner ned over byen i løbet af natten, men mindst to nåede frem til deres mål. Luftalarmen lød i over tre timer, og mange beboere tilbragte natten i metrostationer og kældre.",
		}, {
			"Emergency services said {killed2} deaths had been confirmed and the toll could rise, as more people were trapped under the rubble. Hospitals admitted more than {injured2} wounded.",
			"\"There was no military target here. It was an ordinary afternoon with children in the playground,\" said {p1}, the mayor of {town}.",
			"{A} did not comment on the strike directly but said in a statement that it targeted only military sites and that reports of civilian victims were propaganda.",
			"The city was also hit on {bgdate}, when a missile strike killed {bgkilled} people in a shopping centre.",
			"\"First I heard the plane and then a huge bang, and all the windows came in,\" said {p2}, who lives two streets from the site.",
			"Images from the scene showed a five-storey apartment block with its whole front torn away. Rescue teams worked through the night under floodlights.",
			"Rights groups called for an independent investigation, saying the strike could amount to a war crime because there were no military installations nearby.",
			"The city administration said more than 30 buildings had been damaged and about 200 people had lost their homes. The council opened two schools as temporary shelters, and volunteers were collecting clothes and food.",
			"Air defences shot down several drones over the city during the night, the military said, but at least two reached their targets. The air raid alert lasted more than three hours, and many residents spent the night in metro stations and basements.",
		}},
	},
	{
		name: "shelling",
		places: []place{
			{town: pair{"Kherson", "Kherson"}, country: pair{"Ukraine", "Ukraine"}, region: "ukraine", a: pair{"russisk artilleri", "Russian artillery"}},
			{town: pair{"Odesa", "Odesa"}, country: pair{"Ukraine", "Ukraine"}, region: "ukraine", a: pair{"russiske styrker", "Russian forces"}},
			{town: pair{"Aleppo", "Aleppo"}, country: pair{"Syrien", "Syria"}, region: "mideast", a: pair{"regeringsstyrker", "government forces"}},
			{town: pair{"Dnipro", "Dnipro"}, country: pair{"Ukraine", "Ukraine"}, region: "ukraine", a: pair{"russiske styrker", "Russian forces"}},
			{town: pair{"Khan Younis", "Khan Younis"}, country: pair{"Gaza", "Gaza"}, region: "mideast", a: pair{"israelske kampvogne", "Israeli tanks"}},
		},
		heads: [2][]string{{
			"Artilleribeskydning af {town} kræver {killed} liv",
			"Missilangreb mod {town}: {killed} dræbt",
		}, {
			"Shelling of {town} kills {killed}",
			"Missile attack on {town} leaves {killed} dead",
		}},
		leads: [2][]string{{
			"{A} beskød {town} med artilleri og raketter {wday} den {date}. Mindst {killed} civile blev dræbt, oplyser den regionale administration.",
			"Et missilangreb mod {town} {wday} den {date} dræbte mindst {killed} mennesker og sårede {injured}, siger de lokale myndigheder.",
		}, {
			"{A} shelled {town} with artillery and rockets on {date}, killing at least {killed} civilians, the regional administration said.",
			"A missile attack on {town} on {wday}, {date}, killed at least {killed} people and wounded {injured}, local officials said.",
		}},
		nReq: 4,
		body: [2][]string{{
			"Guvernøren for regionen skriver på Telegram, at {killed2} er dræbt og {injured2} såret. Blandt de dræbte er to børn.",
			"- Det er den værste dag, vi har haft i månedsvis. Granaterne faldt i boligkvartererne, ikke ved fronten, siger {p1} fra byens nødhjælpstjeneste.",
			"Granaterne ramte blandt andet et busstoppested og en fødevarebutik. Strømmen er afbrudt i store dele af byen, og vandforsyningen kører kun nogle timer om dagen.",
			"{Town} har været beskudt næsten dagligt siden {bgmonth}. Ved et angreb {bgdate} blev {bgkilled} dræbt.",
			"»Vi sov i kælderen, da det begyndte. Da vi kom op, var halvdelen af huset væk,« siger {p2}.",
			"Udenrigsministeriet opfordrer vestlige lande til at levere flere luftforsvarssystemer og mere ammunition, så byerne bag fronten kan beskyttes bedre.",
			"Der er sat ind med ekstra ambulancer fra nabobyerne, og flere sårede er fløjet til hospitaler længere væk fra fronten.",
			"Ifølge regionens militære ledelse blev byen ramt af over 40 granater og raketter i løbet af døgnet. Beskydningen kom fra stillinger på den anden side af floden, hvor russiske styrker har gravet sig ned.",
			"Myndighederne har opfordret de tilbageværende beboere i de mest udsatte bydele til at forlade byen. Der er sat busser ind, men mange ældre vil ikke forlade deres hjem, fortæller frivillige, der hjælper med evakueringen.",
		}, {
			"The regional governor wrote on Telegram that {killed2} people had been killed and {injured2} wounded. Two children were among the dead.",
			"\"It is the worst day we have had in months. The shells fell in residential areas, not at the front,\" said {p1} of the city's emergency service.",
			"Shells hit a bus stop and a grocery shop among other places. Power was cut in large parts of the city, and running water is available only a few hours a day.",
			"{Town} has been shelled almost daily since {bgmonth}. An attack on {bgdate} killed {bgkilled} people.",
			"\"We were sleeping in the basement when it began. When we came up, half the house was gone,\" said {p2}.",
			"The foreign ministry urged its allies to supply more air defence systems and ammunition so that cities behind the front can be better protected.",
			"Extra ambulances were sent from neighbouring towns, and several of the wounded were flown to hospitals further from the front.",
			"The regional military administration said the city had been hit by more than 40 shells and rockets over the day. The fire came from positions across the river, where Russian forces are dug in.",
			"The authorities urged the remaining residents of the most exposed districts to leave. Buses have been laid on, but many elderly people refuse to leave their homes, said volunteers helping with the evacuation.",
		}},
	},
	{
		name: "abduction",
		places: []place{
			{town: pair{"Katsina", "Katsina"}, country: pair{"Nigeria", "Nigeria"}, region: "wafrica", a: pair{"bevæbnede mænd", "gunmen"}},
			{town: pair{"Port-au-Prince", "Port-au-Prince"}, country: pair{"Haiti", "Haiti"}, region: "latam", a: pair{"en bande", "a gang"}},
			{town: pair{"Kaduna", "Kaduna"}, country: pair{"Nigeria", "Nigeria"}, region: "wafrica", a: pair{"bevæbnede mænd", "gunmen"}},
			{town: pair{"Culiacán", "Culiacán"}, country: pair{"Mexico", "Mexico"}, region: "latam", a: pair{"bevæbnede mænd", "armed men"}},
		},
		heads: [2][]string{{
			"{hostages} bortført i {town}",
			"Bevæbnede mænd kidnappede {hostages} i {town}",
		}, {
			"Gunmen abduct {hostages} in {town}",
			"{hostages} kidnapped in raid on {town}",
		}},
		leads: [2][]string{{
			"{A} bortførte {hostages} mennesker fra en landsby uden for {town} i {country} {wday} den {date}, oplyser politiet. De fleste er kvinder og børn.",
			"Mindst {hostages} mennesker blev kidnappet i {town} {wday} den {date}, da {a} angreb en skole, siger lokale myndigheder.",
		}, {
			"{A} abducted {hostages} people in {town} on {date}, storming a village on the edge of the city, police said. Most of them are women and children.",
			"At least {hostages} people were kidnapped when {a} attacked a school in {town} on {wday}, {date}, local officials said.",
		}},
		nReq: 4,
		body: [2][]string{{
			"Politiet siger, at {freed} af de bortførte er sluppet fri og er kommet tilbage. Ifølge beboere dræbte gerningsmændene {killed} landsbyboere, der forsøgte at gøre modstand.",
			"- De kom på motorcykler midt om natten og skød i luften. Vi kunne ikke gøre noget, siger {p1}, hvis to døtre er blandt de bortførte.",
			"Ingen gruppe har taget ansvaret for aktionen, men området er plaget af bander, der kidnapper folk for løsepenge. Familierne frygter, at de snart vil blive kontaktet med krav om store beløb.",
			"Det er den største bortførelse i området siden {bgmonth}, hvor over {bgkilled} elever blev taget fra en kostskole.",
			"»Vi har sendt soldater og politi ind i skovene, og vi vil bringe dem hjem,« siger guvernøren i en erklæring.",
			"Forældre har samlet sig foran guvernørens kontor og kræver, at myndighederne gør mere for at få de bortførte fri.",
			"Ifølge en lokal menneskeretsorganisation er over {bgarrested} mennesker bortført i delstaten i løbet af det seneste år.",
			"Ifølge en landsbyleder kom gerningsmændene ind fra skoven på flere end 50 motorcykler, med to eller tre mænd på hver. De gik fra hus til hus i over to timer, før de forsvandt med de bortførte.",
			"Sikkerhedsstyrkerne har ifølge hæren fundet spor efter gruppen omkring 40 kilometer fra landsbyen. En talsperson siger, at man vil undgå at sætte de bortførtes liv på spil og derfor går forsigtigt frem.",
		}, {
			"Police said {freed} of those taken had escaped and returned home. Residents said the attackers killed {killed} villagers who tried to resist.",
			"\"They came on motorbikes in the middle of the night and fired into the air. We could do nothing,\" said {p1}, whose two daughters are among those taken.",
			"No group has claimed responsibility, but the area is plagued by gangs who kidnap people for ransom. Families fear they will soon be contacted with demands for large sums.",
			"It is the largest abduction in the area since {bgmonth}, when more than {bgkilled} pupils were taken from a boarding school.",
			"\"We have sent soldiers and police into the forests and we will bring them home,\" the governor said in a statement.",
			"Parents gathered outside the governor's office to demand that the authorities do more to free those taken.",
			"A local rights group said more than {bgarrested} people had been abducted in the state over the past year.",
			"A village leader said the attackers came out of the forest on more than 50 motorbikes, with two or three men on each. They went from house to house for over two hours before leaving with their captives.",
			"The army said security forces had found traces of the group about 40 kilometres from the village. A spokesperson said they would avoid putting the lives of the captives at risk and were moving carefully.",
		}},
	},
	{
		name: "agreement",
		places: []place{
			{town: pair{"Doha", "Doha"}, country: pair{"Qatar", "Qatar"}, region: "mideast", a: pair{"DR Congos regering", "the government of DR Congo"}, b: pair{"M23-oprørerne", "the M23 rebels"}},
			{town: pair{"Luanda", "Luanda"}, country: pair{"Angola", "Angola"}, region: "eafrica", a: pair{"DR Congo", "DR Congo"}, b: pair{"Rwanda", "Rwanda"}},
			{town: pair{"Jeddah", "Jeddah"}, country: pair{"Saudi-Arabien", "Saudi Arabia"}, region: "sudan", a: pair{"den sudanesiske hær", "the Sudanese army"}, b: pair{"RSF-militsen", "the Rapid Support Forces"}},
			{town: pair{"Addis Abeba", "Addis Ababa"}, country: pair{"Etiopien", "Ethiopia"}, region: "eafrica", a: pair{"Sydsudans regering", "South Sudan's government"}, b: pair{"oppositionen", "the opposition"}},
		},
		heads: [2][]string{{
			"{A} og {b} har underskrevet en våbenhvile",
			"Våbenhvile aftalt ved forhandlinger i {town}",
		}, {
			"{A} and {b} sign ceasefire in {town}",
			"Ceasefire agreed at talks in {town}",
		}},
		leads: [2][]string{{
			"{A} og {b} underskrev {wday} den {date} en aftale om våbenhvile ved forhandlinger i {town}. Våbenhvilen skal træde i kraft om 72 timer.",
			"Efter ugers forhandlinger i {town} blev {a} og {b} {wday} den {date} enige om en våbenhvile, der skal åbne for nødhjælp til de hårdest ramte områder.",
		}, {
			"{A} and {b} agreed a ceasefire in {town} on {date}, after talks that lasted into the night. The truce is due to take effect within 72 hours.",
			"A ceasefire was agreed in {town} on {wday}, {date}, after weeks of negotiations between {a} and {b}. It is meant to let aid reach the worst-hit areas.",
		}},
		nReq: 4,
		body: [2][]string{{
			"Aftalen indeholder også en fangeudveksling, hvor hver side skal løslade {hostages} fanger, og en plan for at trække styrkerne tilbage fra frontlinjen.",
			"- Det er et første skridt, men papir alene stopper ikke kampene. Nu skal aftalen føres ud i livet, siger mægleren {p1}.",
			"Kampene har ifølge FN drevet over {crowd} mennesker på flugt det seneste år. Nødhjælpsorganisationer håber, at de nu kan nå frem til de fordrevne.",
			"En tidligere våbenhvile, der blev aftalt {bgdate}, brød sammen efter få dage, da begge parter beskyldte hinanden for at have angrebet først.",
			"»Vi har underskrevet i god tro, og vi forventer, at den anden side gør det samme,« siger {p2}, der ledede den ene delegation.",
			"Den Afrikanske Union og EU har rost resultatet og tilbudt at sende observatører, der skal holde øje med, at begge sider overholder det, der er aftalt.",
			"Parterne skal mødes igen {nextdate} for at forhandle om en mere permanent fredsaftale.",
			"Ifølge diplomater var forhandlingerne tæt på at bryde sammen flere gange i løbet af den sidste uge, blandt andet om spørgsmålet om, hvem der skal kontrollere grænseovergangene. Et kompromis kom først på plads natten før underskrivelsen.",
			"Aftalen skal overvåges af en fælles kommission med repræsentanter fra begge parter og fra mæglerlandene. Kommissionen skal mødes hver uge og rapportere om eventuelle brud på våbenstilstanden.",
		}, {
			"The deal also includes a prisoner exchange, under which each side is to release {hostages} detainees, and a plan to pull forces back from the front line.",
			"\"It is a first step, but paper alone does not stop the fighting. Now the agreement has to be implemented,\" said {p1}, the mediator.",
			"According to the UN, the fighting has driven more than {crowd} people from their homes over the past year. Aid agencies hope they can now reach the displaced.",
			"An earlier ceasefire agreed on {bgdate} collapsed within days, with each side accusing the other of attacking first.",
			"\"We signed in good faith and we expect the other side to do the same,\" said {p2}, who led one of the delegations.",
			"The African Union and the EU praised the outcome and offered to send observers to check that both sides keep to what was agreed.",
			"The two sides are due to meet again on {nextdate} to negotiate a more lasting peace deal.",
			"Diplomats said the talks came close to collapse several times in the final week, notably over who should control the border crossings. A compromise was reached only the night before the signing.",
			"The deal is to be overseen by a joint commission with members from both sides and from the mediating countries. The commission will meet weekly and report any breaches of the truce.",
		}},
	},
	{
		name:  "emergency",
		civil: true,
		places: []place{
			{town: pair{"Guayaquil", "Guayaquil"}, country: pair{"Ecuador", "Ecuador"}, region: "latam", a: pair{"Ecuadors regering", "Ecuador's government"}},
			{town: pair{"Almaty", "Almaty"}, country: pair{"Kasakhstan", "Kazakhstan"}, region: "cis", a: pair{"Kasakhstans regering", "Kazakhstan's government"}},
			{town: pair{"Colombo", "Colombo"}, country: pair{"Sri Lanka", "Sri Lanka"}, region: "asia", a: pair{"Sri Lankas regering", "Sri Lanka's government"}},
			{town: pair{"Dhaka", "Dhaka"}, country: pair{"Bangladesh", "Bangladesh"}, region: "asia", a: pair{"Bangladeshs regering", "Bangladesh's government"}},
		},
		heads: [2][]string{{
			"Undtagelsestilstand indført i {town} efter dage med uro",
			"Udgangsforbud i {town}: hæren sat ind",
		}, {
			"State of emergency declared in {town} after days of unrest",
			"Curfew imposed in {town} as troops deploy",
		}},
		leads: [2][]string{{
			"{A} indførte {wday} den {date} undtagelsestilstand i {town} og et natligt udgangsforbud, efter at uroligheder havde kostet mindst {killed} mennesker livet.",
			"Præsidenten erklærede {wday} den {date} undtagelsestilstand i {town} i {days} dage og satte hæren ind for at genoprette ro og orden.",
		}, {
			"{A} declared a state of emergency in {town} on {date} and imposed a night-time curfew after unrest in which at least {killed} people were killed.",
			"The president declared a {days}-day state of emergency in {town} on {wday}, {date}, and ordered troops onto the streets to restore order.",
		}},
		nReq: 4,
		body: [2][]string{{
			"Ifølge indenrigsministeriet er {arrested} personer anholdt, siden urolighederne begyndte. Menneskeretsgrupper siger, at over {arrested2} er tilbageholdt.",
			"- Vi vil ikke lade kriminelle tage landet som gidsel. Det er nødvendigt at gribe ind for at beskytte borgerne, siger indenrigsminister {p1}.",
			"De nye regler giver sikkerhedsstyrkerne ret til at ransage hjem uden dommerkendelse og forbyder forsamlinger på over fem personer.",
			"Landet havde senest undtagelsestilstand i {bgmonth}, da protester mod stigende priser førte til {bgarrested} anholdelser.",
			"»Folk er bange. Butikkerne lukker klokken fire, og ingen tør gå ud om aftenen,« siger {p2}, der driver en café i centrum.",
			"Oppositionen kalder tiltaget et overgreb og siger, at den bruges til at slå ned på fredelige demonstranter.",
			"Internettet har været lukket ned i dele af landet siden natten til {wday}, oplyser en organisation, der overvåger netadgang.",
			"Soldater og pansrede køretøjer er sat ind ved regeringsbygninger, lufthavnen og havnen. Ved vejspærringer i udkanten af byen kontrollerer militæret biler og busser, og køerne er flere kilometer lange.",
			"Ifølge sundhedsministeriet er over {injured} mennesker behandlet på hospitalerne siden urolighederne begyndte. Blandt dem er flere betjente og soldater, der blev ramt af sten og skud.",
		}, {
			"The interior ministry said {arrested} people had been arrested since the unrest began. Rights groups said more than {arrested2} were being held.",
			"\"We will not let criminals hold the country hostage. The state of emergency is needed to protect citizens,\" said {p1}, the interior minister.",
			"The state of emergency allows security forces to search homes without a warrant and bans gatherings of more than five people.",
			"The country last had a state of emergency in {bgmonth}, when protests over rising prices led to {bgarrested} arrests.",
			"\"People are scared. Shops close at four and nobody dares to go out in the evening,\" said {p2}, who runs a cafe in the centre.",
			"The opposition called the measure an abuse of power and said it was being used to crack down on peaceful protesters.",
			"The internet has been cut in parts of the country since {wday} night, according to a group that monitors internet access.",
			"Soldiers and armoured vehicles have been deployed at government buildings, the airport and the port. At checkpoints on the edge of the city troops are stopping cars and buses, and queues stretch for several kilometres.",
			"The health ministry said more than {injured} people had been treated in hospital since the unrest began, among them police officers and soldiers hit by stones and gunfire.",
		}},
	},
}

// filler is background any kind of article may carry: the wider picture,
// what comes next, where the reporting came from. fillerCivil and
// fillerWar add what fits unrest at home and war abroad.
var filler = [2][]string{{
	"Journalister har kun begrænset adgang til dele af området, og det har ikke været muligt at bekræfte alle oplysninger uafhængigt. Tallene kan derfor ændre sig i løbet af de kommende dage, efterhånden som myndighederne får overblik.",
	"Eksperter peger på, at {town} har stor strategisk og symbolsk betydning, og at udviklingen her ofte varsler, hvad der sker i resten af {country}. Byen er et vigtigt knudepunkt for handel og transport.",
	"{p3}, der har forsket i regionen i tyve år, siger, at problemerne har dybe rødder og ikke kan løses alene med politi og soldater. Det vil ifølge forskeren tage både penge og politisk vilje.",
	"På de sociale medier deler folk videoer, der ifølge dem selv er optaget i {town} i løbet af dagen. Videoerne er ikke blevet verificeret, men flere af dem viser de samme gader og bygninger, som nævnes af myndighederne.",
	"Situationen i {country} har været anspændt i flere måneder, og mange frygter, at den vil forværres. Økonomien er hårdt presset, og priserne på fødevarer og brændstof er steget kraftigt det seneste år.",
}, {
	"Journalists have only limited access to parts of the area and not all of the figures could be independently verified. They may change in the coming days as the authorities gain a clearer picture.",
	"Analysts say {town} carries great strategic and symbolic weight, and that what happens there often foreshadows events in the rest of {country}. The city is an important hub for trade and transport.",
	"{p3}, who has studied the region for twenty years, said the problems had deep roots and could not be solved by police and soldiers alone. It would take money as well as political will, the researcher said.",
	"Videos shared on social media, said by those posting them to have been filmed in {town} during the day, could not be verified, but several show the same streets and buildings named by the authorities.",
	"The situation in {country} has been tense for months, and many fear it will get worse. The economy is under heavy strain and prices of food and fuel have risen sharply over the past year.",
}}

var fillerCivil = [2][]string{{
	"Justitsministeren siger i en skriftlig kommentar, at regeringen har fuld tillid til politiets vurderinger, men at ministeriet vil se nærmere på forløbet, når politiet har afsluttet sin egen gennemgang af dagens hændelser.",
	"Flere borgere, som Ritzau har talt med, siger, at de forstår vreden, men at de er trætte af, at centrum igen og igen bliver lukket af. En ældre kvinde fortæller, at hun ikke kunne komme hjem fra sin læge, fordi busserne var stoppet.",
	"Eksperter i politiforhold siger, at politiet er blevet bedre til at håndtere store forsamlinger de seneste år. Dialog med arrangørerne før og under dagen er ifølge dem afgørende for, at det ikke udvikler sig.",
	"Ifølge politiets egen opgørelse har der i år været flere end 300 større forsamlinger i landet. Langt de fleste er forløbet uden problemer, og kun et fåtal har ført til anholdelser eller sigtelser.",
	"Byrådet holder ekstraordinært møde senere på ugen, hvor både borgmesteren og politidirektøren er inviteret. Oppositionen i byrådet vil have en plan for, hvordan man undgår lignende situationer i fremtiden.",
	"På rådhuspladsen var der sent på aftenen stadig mange mennesker, og frivillige gik rundt og samlede affald op. Rengøringsfolk fra kommunen var i gang ved midnat, og om morgenen var de fleste spor væk.",
	"Sagen har fået stor opmærksomhed i de lokale medier, og flere politikere fra både regering og opposition har kommenteret den på de sociale medier i løbet af aftenen. Flere partier kræver en redegørelse fra justitsministeren.",
	"Ifølge en ny meningsmåling er befolkningen delt i spørgsmålet. Knap halvdelen støtter regeringens linje, mens lidt over en tredjedel mener, at den går for vidt, og resten svarer ved ikke.",
	"Erhvervslivet i centrum siger, at de seneste ugers uro har kostet butikker og restauranter dyrt. Flere forretninger holdt lukket hele dagen, og andre lukkede tidligt af frygt for ballade.",
	"Politiet opfordrer borgere, der har set noget eller har optagelser fra området, til at kontakte dem. Ifølge politiet er der allerede kommet flere hundrede henvendelser.",
}, {
	"The justice minister said in a written statement that the government had full confidence in the police's judgement, but that the ministry would look into the events once police had finished their own review.",
	"Several residents said they understood the anger but were tired of the centre being shut down again and again. An elderly woman said she could not get home from her doctor because the buses had stopped running.",
	"Experts on policing say police have become better at handling large crowds in recent years. Talking to organisers before and during the day is, they say, crucial to keeping things from escalating.",
	"According to police figures, there have been more than 300 large gatherings in the country this year. The great majority passed off without trouble, and only a handful led to arrests or charges.",
	"The city council will hold an extraordinary meeting later in the week to which both the mayor and the police chief have been invited. Opposition councillors want a plan to avoid similar scenes in future.",
	"Late in the evening many people were still gathered in the main square, and volunteers went around picking up rubbish. Council cleaners were at work by midnight, and by morning most traces were gone.",
	"The events have drawn wide attention in local media, and politicians from both government and opposition commented on social media during the evening. Several parties have asked the justice minister for a full account.",
	"A recent opinion poll found the public divided. Just under half backed the government's line, while slightly more than a third said it went too far and the rest were undecided.",
	"Business owners in the centre say the recent weeks of unrest have cost shops and restaurants dearly. Several businesses stayed shut all day and others closed early for fear of trouble.",
	"Police urged anyone who saw something or has footage from the area to come forward. They said they had already received several hundred tips.",
}}

var fillerWar = [2][]string{{
	"Ifølge FN's flygtningeorganisation er over en million mennesker fordrevet i regionen alene i år. Mange bor i lejre, hvor der mangler telte, latriner og rent drikkevand, og hvor sygdomme spreder sig hurtigt.",
	"Hospitalerne i området arbejder under svære forhold. Flere af dem har kun strøm fra generatorer nogle timer om dagen, og lægerne fortæller, at de må vælge, hvilke patienter de kan hjælpe først.",
	"Nødhjælpsorganisationer siger, at de har svært ved at få lastbiler igennem kontrolposterne. Ofte venter konvojerne i dagevis på tilladelser, og nogle gange bliver de sendt tilbage uden forklaring.",
	"Militæranalytikere peger på, at ingen af parterne ser ud til at kunne vinde en hurtig sejr. De regner derfor ikke med, at konflikten i {country} slutter foreløbig, medmindre parterne finder sammen om en politisk løsning.",
	"Danmark har i år givet flere hundrede millioner kroner i humanitær hjælp til {country}, og udviklingsministeren siger, at der kan komme flere penge, hvis organisationerne kan få adgang.",
	"Maden er blevet meget dyrere, fordi handelsvejene er afbrudt, fortæller beboere. En sæk mel koster nu mere end det dobbelte af, hvad den kostede for et år siden, og mange spiser kun ét måltid om dagen.",
	"Udenrigsministeriet følger udviklingen tæt og fraråder fortsat alle rejser til området. Danskere i landet opfordres til at registrere sig på ministeriets hjemmeside og følge de lokale myndigheders anvisninger.",
	"Flere internationale organisationer har sendt folk til området for at vurdere behovet for hjælp. Røde Kors siger, at der især mangler rent vand, medicin og tæpper, og at vejene mange steder er spærret.",
	"Lokale medier bringer billeder af lange køer ved tankstationer og banker, hvor folk forsøger at hæve kontanter, før situationen eventuelt bliver værre. Mange familier har sendt børnene til slægtninge på landet.",
	"Sagen vil blive drøftet på et møde i FN's Sikkerhedsråd senere på ugen, oplyser diplomater. Flere lande har bedt om, at mødet holdes for åbne døre.",
}, {
	"According to the UN refugee agency, more than a million people have been displaced in the region this year alone. Many live in camps short of tents, latrines and clean water, where disease spreads quickly.",
	"Hospitals in the area are working in harsh conditions. Several have power from generators for only a few hours a day, and doctors say they have to choose which patients to treat first.",
	"Aid agencies say they struggle to get lorries through checkpoints. Convoys often wait for days for permits, and are sometimes turned back without explanation.",
	"Military analysts say neither side appears able to win a quick victory. They do not expect the conflict in {country} to end soon unless the parties find a political settlement.",
	"Donor governments have pledged tens of millions of euros in humanitarian aid to the region this year, and say they are ready to give more if aid agencies can get access.",
	"Food has become much more expensive because trade routes have been cut, residents say. A sack of flour now costs more than twice what it did a year ago, and many families eat only one meal a day.",
	"Several governments have advised their citizens against all travel to the area and urged those already there to register with their embassies and follow the instructions of local authorities.",
	"Several international organisations have sent staff to assess the need for aid. The Red Cross said clean water, medicine and blankets were most urgently needed and that many roads were blocked.",
	"Local media showed long queues at petrol stations and banks, where people were trying to withdraw cash in case the situation worsened. Many families have sent their children to relatives in the countryside.",
	"Diplomats said the matter would be discussed at a meeting of the UN Security Council later in the week. Several countries have asked for the meeting to be held in public.",
}}

var captions = [2][]string{{
	"Billede fra {town} {wday}. Foto: {photog}/{agency}",
	"Redningsfolk og beboere i {town}. Foto: {photog}/{agency}",
	"Stemningsbillede fra {town}. Foto: {photog}/{agency}",
}, {
	"A scene in {town} on {wday}. Photo: {photog}/{agency}",
	"Residents and rescue workers in {town}. Photo: {photog}/{agency}",
	"People gather in central {town}. Photo: {photog}/{agency}",
}}

var agencies = [2][]string{
	{"Ritzau Scanpix", "AFP/Ritzau Scanpix", "Reuters/Ritzau Scanpix", "AP/Ritzau Scanpix"},
	{"Reuters", "AFP", "AP", "EPA"},
}

var photographers = []string{"Ida Marie Skov", "Jonas Friis", "Sara Lind", "Karim Haddad", "Olena Marchenko", "Tomás Ruiz", "Aisha Bello", "Lena Brandt"}

var causes = []pair{
	{"pensionsreformen", "the pension reform"},
	{"stigende priser på brændstof", "rising fuel prices"},
	{"lukningen af en fødeafdeling", "the closure of a maternity ward"},
	{"en ny lov om udenlandske agenter", "a new foreign agents law"},
	{"nedskæringer i uddannelse", "cuts to education"},
	{"regeringens klimapolitik", "the government's climate policy"},
}

// people are names quoted in each region.
var people = map[string][]string{
	"dk":      {"Lars Holm", "Mette Skov", "Jens Bach", "Anne Lund", "Peter Krogh", "Sofie Dahl"},
	"eu":      {"Julia Weber", "Marc Dubois", "Lucía Navarro", "Nikola Petrović", "Claire Martin", "Stefan Braun"},
	"eafrica": {"Grace Otieno", "Joseph Mutua", "Amani Kabila", "Ruth Nakato", "Patrick Mugisha", "Esther Wanjiku"},
	"wafrica": {"Samuel Mensah", "Aminu Bello", "Fatou Ndiaye", "Ibrahim Musa", "Ngozi Okafor", "Moussa Diop"},
	"sahel":   {"Amadou Traoré", "Fatoumata Keita", "Oumar Coulibaly", "Aïcha Maïga", "Boubacar Cissé", "Mariam Touré"},
	"sudan":   {"Ahmed Osman", "Mohamed Idris", "Amira Hassan", "Khalid Abdalla", "Fatima Yousif", "Omer Adam"},
	"ukraine": {"Olena Kovalenko", "Andriy Shevchuk", "Iryna Bondar", "Serhiy Melnyk", "Natalia Tkachenko", "Oleksandr Lysenko"},
	"mideast": {"Omar Khalil", "Layla Haddad", "Yusuf Demir", "Rana Saleh", "Ali Rezaei", "Huda Nasser"},
	"latam":   {"Carlos Mendoza", "Ana Lucía Torres", "Jean-Pierre Joseph", "María Fernández", "Luis Paredes", "Rosa Quispe"},
	"cis":     {"Nino Beridze", "Aliaksei Kazlou", "Dmitry Orlov", "Aigerim Nurlanova", "Giorgi Kapanadze", "Yulia Smirnova"},
	"asia":    {"Kyaw Min Thu", "Nadia Rahman", "Ruwan Perera", "Aung Ko Ko", "Farhana Akter", "Dilini Silva"},
}
