package fakeapi

// The catalog the corpus is drawn from: the account's customers, the vendors
// who bill them, and what those vendors sell. It is plain data so a reviewer
// can see at a glance what the demo shows.

// customer is an account's end customer: the company whose documents are
// uploaded. Its id is what the customer_id filter matches.
type customer struct {
	id      string // "cus_northwind"
	slug    string // used in document names: "northwind-invoice-2026-0412.pdf"
	name    string
	address string
}

// dateStyle is how a vendor prints dates on its documents.
type dateStyle uint8

const (
	dateISO    dateStyle = iota // 2026-04-12
	dateUS                      // 04/12/2026
	dateDotted                  // 12.04.2026 (Germany, Switzerland, the Netherlands...)
	dateLong                    // 12 Apr 2026 (the United Kingdom, Ireland, Australia...)
)

// category groups what a vendor sells; receipts come from the retail ones.
type category uint8

const (
	catIndustrial category = iota
	catOffice
	catIT
	catLogistics
	catPackaging
	catFacilities
	catCatering
	catFood // receipts from here down
	catFuel
	catLodging
	catTaxi
	catHardware
)

type vendor struct {
	name     string
	slug     string
	address  string
	currency string
	taxBP    int    // tax rate in basis points: 1900 is 19 %
	taxID    string // "" when the vendor prints none
	iban     string // "" when the vendor prints no bank details
	dates    dateStyle
	cat      category
	// numberFormat shapes invoice and receipt numbers: 'Y' is the four-digit
	// year, 'y' the two-digit year, '#' a digit of the document's sequence.
	numberFormat string
}

var customers = []customer{
	{"cus_northwind", "northwind", "Northwind Traders", "2200 Harbor Blvd, Seattle, WA 98121, USA"},
	{"cus_acme", "acme", "Acme Corporation", "1 Acme Way, Phoenix, AZ 85004, USA"},
	{"cus_contoso", "contoso", "Contoso Ltd", "4 Riverside Quay, Manchester M3 4JE, United Kingdom"},
	{"cus_fabrikam", "fabrikam", "Fabrikam Inc.", "560 Mission St, San Francisco, CA 94105, USA"},
	{"cus_tailspin", "tailspin", "Tailspin Toys", "87 Elm Street, Burlington, VT 05401, USA"},
	{"cus_wingtip", "wingtip", "Wingtip Toys Pty Ltd", "12 Wharf Road, Sydney NSW 2000, Australia"},
	{"cus_adventureworks", "adventureworks", "Adventure Works Cycles", "1250 Pearl St, Boulder, CO 80302, USA"},
	{"cus_litware", "litware", "Litware Inc.", "300 Congress Ave, Austin, TX 78701, USA"},
	{"cus_proseware", "proseware", "Proseware GmbH", "Rosenthaler Str. 40, 10178 Berlin, Germany"},
	{"cus_fourthcoffee", "fourthcoffee", "Fourth Coffee", "1901 Pike Pl, Seattle, WA 98101, USA"},
	{"cus_lamna", "lamna", "Lamna Healthcare Company", "45 King Street West, Toronto, ON M5H 1J8, Canada"},
	{"cus_alpineskihouse", "alpineskihouse", "Alpine Ski House AG", "Bahnhofstrasse 21, 8001 Zürich, Switzerland"},
	{"cus_wideworld", "wideworld", "Wide World Importers B.V.", "Keizersgracht 125, 1015 CJ Amsterdam, Netherlands"},
	{"cus_coho", "coho", "Coho Winery", "3800 Silverado Trail, Napa, CA 94558, USA"},
	{"cus_margies", "margies", "Margie's Travel SARL", "28 Rue de Rivoli, 75004 Paris, France"},
	{"cus_treyresearch", "treyresearch", "Trey Research", "77 Massachusetts Ave, Cambridge, MA 02139, USA"},
	{"cus_woodgrove", "woodgrove", "Woodgrove Bank plc", "100 Bishopsgate, London EC2N 4AG, United Kingdom"},
	{"cus_blueyonder", "blueyonder", "Blue Yonder Airlines", "2400 Aviation Dr, Dallas, TX 75261, USA"},
	{"cus_humongous", "humongous", "Humongous Insurance", "200 Park Ave, New York, NY 10166, USA"},
	{"cus_citypower", "citypower", "City Power & Light", "501 Energy Way, Columbus, OH 43215, USA"},
	{"cus_consolidated", "consolidated", "Consolidated Messenger Ltd", "1 Dock Street, Dublin 1, D01 K8N4, Ireland"},
	{"cus_relecloud", "relecloud", "Relecloud", "2 Queen St, Auckland 1010, New Zealand"},
	{"cus_vanarsdel", "vanarsdel", "VanArsdel S.p.A.", "Via Torino 15, 20123 Milano, Italy"},
	{"cus_southridge", "southridge", "Southridge Video", "940 Sunset Blvd, Los Angeles, CA 90069, USA"},
	{"cus_lucerne", "lucerne", "Lucerne Publishing", "Haldenstrasse 5, 6006 Luzern, Switzerland"},
	{"cus_adatum", "adatum", "A. Datum Corporation", "1010 Market St, St. Louis, MO 63101, USA"},
	{"cus_munson", "munson", "Munson's Pickles and Preserves Farm", "14 Orchard Lane, Lancaster, PA 17601, USA"},
	{"cus_bestforyou", "bestforyou", "Best For You Organics S.L.", "Calle de Alcalá 48, 28014 Madrid, Spain"},
	{"cus_globex", "globex", "Globex Corporation", "7 Cypress Creek Pkwy, Houston, TX 77070, USA"},
	{"cus_initech", "initech", "Initech LLC", "4120 Freidrich Ln, Austin, TX 78744, USA"},
}

// vendors bill the customers (invoices), are ordered from (purchase orders)
// or sell over the counter (receipts, the retail categories).
var vendors = []vendor{
	{"Harbor Steel Supply Co.", "harbor-steel", "1450 Dockside Ave, Oakland, CA 94607, USA", "USD", 1025, "EIN 94-3172046", "", dateUS, catIndustrial, "INV-Y-####"},
	{"Brandt & Söhne GmbH", "brandt", "Industriestraße 12, 70565 Stuttgart, Germany", "EUR", 1900, "DE811234567", "DE89 3704 0044 0532 0130 00", dateDotted, catIndustrial, "RE-y#####"},
	{"Midlands Fasteners Ltd", "midlands-fasteners", "Unit 7, Tyseley Industrial Estate, Birmingham B11 2AA, United Kingdom", "GBP", 2000, "GB293447158", "GB33 BUKB 2020 1555 5555 55", dateLong, catIndustrial, "MF######"},
	{"Great Lakes Bearing & Supply", "great-lakes", "2300 W Fulton St, Chicago, IL 60612, USA", "USD", 1025, "", "", dateUS, catIndustrial, "GLB-#####"},
	{"Pembroke Office Supplies Ltd", "pembroke", "22 Kingsway, London WC2B 6LE, United Kingdom", "GBP", 2000, "GB654812390", "GB29 NWBK 6016 1331 9268 19", dateLong, catOffice, "SI-#####"},
	{"Papeterie Duval SARL", "duval", "14 Rue du Faubourg Saint-Denis, 75010 Paris, France", "EUR", 2000, "FR40303265045", "FR14 2004 1010 0505 0001 3M02 606", dateDotted, catOffice, "FY-#####"},
	{"Staplewise Office Inc.", "staplewise", "880 Commerce Dr, Columbus, OH 43219, USA", "USD", 750, "", "", dateUS, catOffice, "######"},
	{"Kantoor Direct B.V.", "kantoor-direct", "Stationsplein 45, 3013 AK Rotterdam, Netherlands", "EUR", 2100, "NL859623104B01", "NL91 ABNA 0417 1643 00", dateDotted, catOffice, "KD-Y-#####"},
	{"Cirrus Cloud Hosting LLC", "cirrus-cloud", "410 Terry Ave N, Seattle, WA 98109, USA", "USD", 0, "EIN 91-2043378", "", dateISO, catIT, "CCH-Y-######"},
	{"Nordlicht IT-Service GmbH", "nordlicht", "Hafenstraße 3, 20457 Hamburg, Germany", "EUR", 1900, "DE298417735", "DE44 2005 0550 1234 5678 90", dateDotted, catIT, "NL-Y-####"},
	{"Maple Byte Solutions Inc.", "maple-byte", "155 Wellington St W, Toronto, ON M5V 3H1, Canada", "CAD", 1300, "HST 84512 3097 RT0001", "", dateISO, catIT, "MBS-#####"},
	{"Quokka Networks Pty Ltd", "quokka", "88 Flinders St, Melbourne VIC 3000, Australia", "AUD", 1000, "ABN 51 824 753 556", "", dateLong, catIT, "QN-######"},
	{"Rotterdam Freight Forwarding B.V.", "rff", "Waalhaven Z.z. 19, 3089 JH Rotterdam, Netherlands", "EUR", 2100, "NL812247718B01", "NL02 RABO 0313 2456 71", dateDotted, catLogistics, "RFF-y-#####"},
	{"TransAlpine Logistik AG", "transalpine", "Hafenstrasse 50, 4127 Birsfelden, Switzerland", "CHF", 810, "CHE-116.281.710 MWST", "CH93 0076 2011 6238 5295 7", dateDotted, catLogistics, "TAL-######"},
	{"Blue Ridge Trucking Inc.", "blue-ridge", "3901 Industrial Blvd, Roanoke, VA 24012, USA", "USD", 0, "", "", dateUS, catLogistics, "BRT####"},
	{"Celtic Courier Services Ltd", "celtic-courier", "Unit 4, Ballymount Rd, Dublin 12, D12 X2E4, Ireland", "EUR", 2300, "IE6388047V", "IE29 AIBK 9311 5212 3456 78", dateLong, catLogistics, "CCS-#####"},
	{"Cartonnerie Lemaire", "lemaire", "9 Avenue Jean Jaurès, 69007 Lyon, France", "EUR", 2000, "FR83404833048", "FR76 3000 6000 0112 3456 7890 189", dateDotted, catPackaging, "F-Y-####"},
	{"PackRight Packaging Corp.", "packright", "6200 Port Rd, Groveport, OH 43125, USA", "USD", 750, "", "", dateUS, catPackaging, "PR-######"},
	{"Iberia Embalajes S.L.", "iberia-embalajes", "Polígono Industrial Norte, Nave 12, 28108 Alcobendas, Spain", "EUR", 2100, "ESB84276551", "ES91 2100 0418 4502 0005 1332", dateDotted, catPackaging, "IE-y-####"},
	{"BrightSpark Electrical Ltd", "brightspark", "31 Canal Street, Leeds LS11 5QP, United Kingdom", "GBP", 2000, "GB447120983", "GB94 BARC 1020 1530 0934 59", dateLong, catFacilities, "BSE-####"},
	{"Evergreen Facility Services", "evergreen", "725 Lakeview Rd, Minneapolis, MN 55403, USA", "USD", 788, "", "", dateUS, catFacilities, "EFS-Y-###"},
	{"Milano Pulizie S.r.l.", "milano-pulizie", "Via Paolo Sarpi 8, 20154 Milano, Italy", "EUR", 2200, "IT07643520567", "IT60 X054 2811 1010 0000 0123 456", dateDotted, catFacilities, "MP-Y-###"},
	{"Fourth Street Catering", "fourth-street", "410 4th St, San Francisco, CA 94107, USA", "USD", 863, "", "", dateUS, catCatering, "FSC-####"},
	{"Maison Lefèvre Traiteur", "lefevre", "3 Place Bellecour, 69002 Lyon, France", "EUR", 1000, "FR21523145887", "", dateDotted, catCatering, "ML-Y-###"},
	{"Mint Street Corner Café", "mint-street-cafe", "66 Mint St, San Francisco, CA 94103, USA", "USD", 863, "", "", dateUS, catFood, "####-###"},
	{"Kingsway Sandwich Bar", "kingsway-sandwich", "1 Kingsway, London WC2B 6XF, United Kingdom", "GBP", 2000, "GB118274365", "", dateLong, catFood, "#####"},
	{"Bayshore Fuel #4411", "bayshore-fuel", "1200 Bayshore Hwy, Burlingame, CA 94010, USA", "USD", 0, "", "", dateUS, catFuel, "########"},
	{"Tankstelle Ostring", "ostring", "Ostring 88, 65205 Wiesbaden, Germany", "EUR", 1900, "DE264118730", "", dateDotted, catFuel, "#######"},
	{"Hotel Lindenhof Berlin", "lindenhof", "Unter den Linden 44, 10117 Berlin, Germany", "EUR", 700, "DE301558291", "", dateDotted, catLodging, "Y-#####"},
	{"The Harbourside Hotel", "harbourside", "5 Circular Quay W, Sydney NSW 2000, Australia", "AUD", 1000, "ABN 63 112 904 775", "", dateLong, catLodging, "HH######"},
	{"City Cab Company", "city-cab", "220 W 26th St, New York, NY 10001, USA", "USD", 0, "", "", dateUS, catTaxi, "T######"},
	{"Harbor Hardware", "harbor-hardware", "1701 Embarcadero, Oakland, CA 94606, USA", "USD", 1025, "", "", dateUS, catHardware, "###-#####"},
}

// product is something a vendor's line items sell.
type product struct {
	description string
	minCents    int // unit price range, in the currency's minor unit
	maxCents    int
	minQty      int // quantity range, in tenths when fractional
	maxQty      int
	fractional  bool // hours, litres, kilograms: quantities with a decimal
}

var products = [...][]product{
	catIndustrial: {
		{"Steel brackets, 40mm", 180, 420, 20, 400, false},
		{"Hex bolts M8x40, zinc plated (box of 100)", 1450, 2390, 1, 40, false},
		{"Stainless sheet 304, 1.5mm, 1250x2500", 18900, 26500, 1, 12, false},
		{"Angle iron 50x50x5, 6m length", 4200, 6800, 2, 30, false},
		{"Flat washers M10 (box of 200)", 890, 1490, 1, 25, false},
		{"Threaded rod M12, 1m", 310, 690, 10, 200, false},
		{"Welding wire ER70S-6, 15kg spool", 5400, 7900, 1, 10, false},
		{"Cutting discs 125mm (pack of 25)", 2200, 3900, 1, 20, false},
		{"Anchor bolts M16x150", 145, 290, 20, 500, false},
		{"Galvanised tube 48.3mm, 6m", 3100, 4800, 2, 40, false},
		{"Ball bearing 6204-2RS", 390, 840, 10, 200, false},
	},
	catOffice: {
		{"A4 copy paper, 80gsm, box of 5 reams", 2490, 3890, 1, 30, false},
		{"Toner cartridge, black, high yield", 8900, 16900, 1, 12, false},
		{"Ballpoint pens, blue (box of 50)", 990, 1790, 1, 10, false},
		{"Lever arch files, A4 (pack of 10)", 1590, 2490, 1, 15, false},
		{"Sticky notes 76x76mm (12 pads)", 690, 1190, 1, 20, false},
		{"Ergonomic office chair, mesh back", 18900, 39900, 1, 8, false},
		{"Whiteboard markers, assorted (8)", 790, 1290, 1, 12, false},
		{"Shredder bags (pack of 50)", 1890, 2990, 1, 6, false},
		{"Printer labels 99.1x38.1mm (500 sheets)", 3490, 5290, 1, 5, false},
		{"Desk lamp, LED, dimmable", 3990, 7490, 1, 10, false},
	},
	catIT: {
		{"Cloud hosting, compute (vCPU hours)", 3, 9, 5000, 200000, false},
		{"Managed database, 200 GB, monthly", 18900, 32900, 1, 3, false},
		{"Support retainer, business tier", 95000, 180000, 1, 1, false},
		{"Consulting, solutions architect (hours)", 14500, 22500, 10, 400, true},
		{"Wildcard TLS certificate, 1 year", 19900, 29900, 1, 2, false},
		{"Laptop, 14in, 32 GB RAM, 1 TB SSD", 129900, 189900, 1, 10, false},
		{"USB-C docking station", 17900, 27900, 1, 15, false},
		{"27in monitor, IPS, 4K", 32900, 49900, 1, 12, false},
		{"Office suite licence, per seat, monthly", 1250, 2200, 5, 250, false},
		{"Backup storage, 1 TB, monthly", 2300, 4500, 1, 20, false},
		{"Network switch, 24-port PoE", 38900, 61900, 1, 4, false},
	},
	catLogistics: {
		{"Ocean freight LCL Rotterdam to Felixstowe", 42000, 98000, 1, 3, false},
		{"Pallet handling fee", 1800, 3500, 1, 40, false},
		{"Customs clearance", 6500, 14500, 1, 2, false},
		{"Fuel surcharge", 2500, 12000, 1, 1, false},
		{"Warehouse storage, per pallet-week", 450, 950, 4, 120, false},
		{"Last-mile delivery", 1900, 4900, 1, 30, false},
		{"Express courier, next day", 2400, 6900, 1, 12, false},
		{"Road freight, full truckload (km)", 150, 290, 800, 12000, true},
		{"Liftgate service", 7500, 12500, 1, 2, false},
	},
	catPackaging: {
		{"Corrugated boxes 400x300x300, double wall", 95, 210, 50, 2000, false},
		{"Stretch film 500mm x 300m", 1290, 1990, 6, 96, false},
		{"Bubble wrap roll 750mm x 100m", 2100, 3400, 2, 40, false},
		{"Packing tape 48mm x 66m (36 rolls)", 3200, 4900, 1, 20, false},
		{"Void fill paper, 5kg", 1450, 2290, 2, 30, false},
		{"Kraft mailer bags (pack of 100)", 1890, 2890, 1, 50, false},
		{"Euro pallet 1200x800, heat treated", 1150, 1850, 10, 200, false},
		{"Edge protectors 50x50x3mm, 1m", 35, 75, 100, 1500, false},
	},
	catFacilities: {
		{"Monthly office cleaning", 120000, 340000, 1, 1, false},
		{"Window cleaning, external", 28000, 65000, 1, 1, false},
		{"LED panel 600x600, 40W", 2900, 5400, 2, 60, false},
		{"Emergency lighting inspection", 18500, 29500, 1, 1, false},
		{"Call-out fee", 6500, 9500, 1, 1, false},
		{"Electrician labour (hours)", 5500, 8900, 10, 240, true},
		{"Washroom consumables", 4500, 12000, 1, 12, false},
		{"HVAC filter replacement", 2400, 4600, 2, 24, false},
	},
	catCatering: {
		{"Working lunch buffet, per person", 1850, 3200, 8, 120, false},
		{"Coffee and pastries, per person", 650, 1150, 8, 120, false},
		{"Room hire, half day", 25000, 60000, 1, 1, false},
		{"Canapés reception, per person", 2400, 4500, 20, 150, false},
		{"Service staff (hours)", 3200, 4800, 20, 160, true},
		{"Delivery and setup", 4500, 9500, 1, 1, false},
	},
	catFood: {
		{"Flat white", 420, 520, 1, 4, false},
		{"Cappuccino", 400, 500, 1, 4, false},
		{"Croissant", 320, 450, 1, 3, false},
		{"Chicken salad sandwich", 890, 1150, 1, 3, false},
		{"Sparkling water 500ml", 250, 380, 1, 4, false},
		{"Soup of the day", 650, 850, 1, 2, false},
		{"Espresso", 280, 350, 1, 4, false},
		{"Blueberry muffin", 350, 450, 1, 3, false},
	},
	catFuel: {
		{"Unleaded 95 (litres)", 165, 219, 250, 650, true},
		{"Diesel (litres)", 159, 209, 300, 800, true},
		{"Car wash, premium", 1200, 1800, 1, 1, false},
		{"Windscreen washer fluid 5L", 690, 990, 1, 2, false},
		{"Coffee to go", 250, 390, 1, 2, false},
	},
	catLodging: {
		{"Room, standard double (night)", 12900, 28900, 1, 5, false},
		{"Breakfast buffet", 1800, 3200, 1, 5, false},
		{"City tax", 250, 750, 1, 5, false},
		{"Parking (per night)", 1500, 3500, 1, 5, false},
		{"Minibar", 450, 2800, 1, 1, false},
		{"Laundry service", 1200, 3500, 1, 1, false},
	},
	catTaxi: {
		{"Taxi fare", 1450, 6800, 1, 1, false},
		{"Airport surcharge", 450, 800, 1, 1, false},
		{"Toll charges", 650, 1700, 1, 1, false},
		{"Waiting time (minutes)", 60, 80, 5, 25, false},
	},
	catHardware: {
		{"Cordless drill 18V", 8900, 14900, 1, 2, false},
		{"Wood screws 4x40 (box of 200)", 790, 1190, 1, 4, false},
		{"Extension cord 10m", 1990, 2990, 1, 3, false},
		{"Work gloves, size L", 690, 1290, 1, 10, false},
		{"Masking tape 25mm", 290, 490, 1, 12, false},
		{"LED work light", 2490, 3990, 1, 2, false},
	},
}

// people sign purchase orders and ring up receipts.
var people = []string{
	"Maria Gonzalez", "James Whitfield", "Aiko Tanaka", "Liam O'Connor", "Priya Raman",
	"Jonas Becker", "Chloé Martin", "Daniel Okafor", "Sofia Rossi", "Ethan Clarke",
	"Hannah Schmidt", "Lucas Moreau", "Olivia Bennett", "Mateo Fernández", "Grace Kim",
	"Noah van Dijk",
}

var paymentTerms = []struct {
	label string
	days  int
}{
	{"Net 30", 30}, {"Net 30", 30}, {"Net 14", 14}, {"Net 45", 45}, {"Net 60", 60},
	{"Due on receipt", 0}, {"30 days end of month", 30},
}

var incoterms = []string{"DAP", "DDP", "FCA", "EXW", "CPT", "FOB"}

var cardBrands = []string{"VISA", "Mastercard", "AMEX"}

// retailCategories issue receipts; the rest issue invoices and receive
// purchase orders.
func (c category) retail() bool { return c >= catFood }
