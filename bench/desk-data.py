"""The service desk's data set for the bench (desk.sh): customers, cases and messages for the demo company, written
straight into a migrated database (SQLite: one transaction, prepared statements; PostgreSQL: COPY, with the tables'
indexes dropped during the load and created again after, so the GIN indexes are built once instead of row by row).
The triggers or generated columns index the text as on any write. Deterministic: the same seed and size give the
same rows, dated relative to when it runs (ids are version-7 guids made from those times, as Cerchio's Ids.New makes
them), so the open cases' SLA times are current.

usage: desk-data.py generate sqlite|postgres <file or postgresql:// url> <cases> [seed]
       desk-data.py touchpoints sqlite|postgres <file or postgresql:// url> [seed]

Shape: 10 customers per 100 cases, a few with over a thousand cases (power-law); cases over three years, more in autumn
and before Christmas, fewer in August and at weekends, growing year on year; about 5 messages per case (every
case whose number ends in 000 has exactly 20, for the case page); all statuses, channels, types and priorities,
assignees and departments from the demo company's people, a running SLA on the open cases.
Planted words with known shares of messages, kept out of the vocabulary, for the search bench: "consegna" 10%,
"garanzia" 1%, "rimborso" 0.1%, "zanzariera" 0.01%. Each case names a touchpoint (touchpoint_of: by its subject and
channel, 8% none) out of 40: the 17 defaults and EXTRA_TOUCHPOINTS.

`touchpoints` (journey-map.sh, once the app has made the default journey): stores the demo company's catalog of 40
touchpoints, puts the 23 added ones on the default journey's stages, and gives a touchpoint to the cases of a data set
generated before cases had one (those with none, when no generated case has one yet)."""
import bisect, datetime, os, random, sqlite3, subprocess, sys, time, uuid

PLANTED = [("consegna", 0.10), ("garanzia", 0.01), ("rimborso", 0.001), ("zanzariera", 0.0001)]

FIRST = ("Marco Giulia Luca Francesca Andrea Chiara Matteo Sara Alessandro Martina Lorenzo Elena Davide Valentina Simone "
         "Federica Stefano Laura Paolo Silvia Giorgio Anna Roberto Alessia Fabio Elisa Massimo Paola Antonio Roberta "
         "Giuseppe Cristina Riccardo Monica Enrico Barbara Filippo Serena Tommaso Ilaria Nicola Claudia Daniele Beatrice "
         "Emanuele Camilla Pietro Irene Gabriele Noemi Salvatore Rita Vincenzo Lucia Domenico Teresa Carlo Marta").split()
LAST = ("Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti De Luca Mancini Costa "
        "Giordano Rizzo Lombardi Moretti Barbieri Fontana Santoro Mariani Rinaldi Caruso Ferrara Galli Martini Leone "
        "Longo Gentile Martinelli Vitale Lombardo Serra Coppola De Santis D'Angelo Marchetti Parisi Villa Conte "
        "Ferraro Ferri Fabbri Bianco Marini Grasso Valentini Messina Sala De Angelis Gatti Pellegrini Palumbo Sanna").split()
CITIES = [("Milano", "MI"), ("Roma", "RM"), ("Torino", "TO"), ("Napoli", "NA"), ("Bologna", "BO"), ("Firenze", "FI"),
          ("Verona", "VR"), ("Padova", "PD"), ("Brescia", "BS"), ("Bergamo", "BG"), ("Genova", "GE"), ("Bari", "BA"),
          ("Palermo", "PA"), ("Catania", "CT"), ("Parma", "PR"), ("Modena", "MO"), ("Treviso", "TV"), ("Vicenza", "VI"),
          ("Trento", "TN"), ("Udine", "UD"), ("Perugia", "PG"), ("Ancona", "AN"), ("Pescara", "PE"), ("Lecce", "LE"),
          ("Cagliari", "CA"), ("Sassari", "SS"), ("Monza", "MB"), ("Como", "CO"), ("Varese", "VA"), ("Rimini", "RN")]
COMPANY = ("Arredi Studio Design Casa Interni Hotel Ristorante Albergo Uffici Immobiliare Costruzioni Architettura "
           "Residence Agriturismo Bed Scuola Clinica Palestra").split()
SUFFIX = ["S.r.l.", "S.p.A.", "S.n.c.", "S.a.s.", "& C."]
PRODUCTS = ("divano tavolo sedia armadio letto cucina libreria poltrona materasso scrivania comodino specchio lampada "
            "tenda tappeto credenza mensola vetrina pouf cassettiera guardaroba lavello piano cottura cappa frigorifero "
            "forno lavastoviglie rete testiera panca sgabello consolle madia cabina attaccapanni scarpiera divano letto "
            "tavolino lampadario applique piantana plafoniera box doccia mobile bagno lavabo sanitari rubinetto "
            "pensile colonna penisola isola top bancone").split()
PRODUCTS = [p.replace("_", " ") for p in PRODUCTS]
MATERIALS = ("rovere noce frassino faggio ciliegio laccato opaco lucido marmo granito quarzo acciaio ottone alluminio "
             "velluto lino cotone pelle ecopelle microfibra cristallo vetro temperato bambù teak wengè").split()
COLOURS = "bianco nero grigio antracite tortora beige sabbia blu verde salvia rosso bordeaux giallo ocra".split()
DEFECTS = ("graffiato rotto ammaccato scheggiato macchiato incrinato storto instabile rumoroso difettoso incompleto "
           "scolorito bagnato deformato").split()
PARTS = ("anta cerniera cassetto maniglia gamba piedino schienale bracciolo cuscino rivestimento piano ripiano "
         "guida binario vite staffa pannello cornice zoccolo alzatina").split()
DAYS = "lunedì martedì mercoledì giovedì venerdì sabato".split()
MOMENTS = "mattina pomeriggio sera mattinata".split()

SUBJECTS = [
    "Ordine {order} non ancora arrivato", "{Product} {defect} all'apertura dell'imballo", "Richiesta preventivo {product} in {material}",
    "Fattura {invoice} errata", "Manca un pezzo: {part} del {product}", "Informazioni su {product} {colour}",
    "Montaggio {product}: appuntamento", "Cambio indirizzo per l'ordine {order}", "Reclamo per il {product} {defect}",
    "{Product} {material} ancora disponibile?", "Sostituzione {part} difettosa", "Pagamento ordine {order}",
    "Problema con il tecnico del montaggio", "Richiesta catalogo {year}", "Disdetta ordine {order}", "{Product} su misura",
    "Reso del {product}", "Ritardo sull'ordine {order}", "Colore diverso da quello ordinato ({colour})", "Appuntamento in showroom a {city}",
]
SENTENCES = [
    "ho ricevuto il {product} ma è arrivato {defect}", "il {part} del {product} si è {defect2} dopo pochi giorni",
    "vorrei sapere quando arriva l'ordine {order}", "il corriere doveva passare {day} {moment} ma non si è visto nessuno",
    "vi chiedo un preventivo per un {product} in {material} {colour}", "nella confezione manca il {part}",
    "il tecnico ha montato il {product} ma il {part} non chiude bene", "la fattura {invoice} riporta un importo sbagliato",
    "ho pagato con bonifico il {date} e allego la ricevuta", "possiamo fissare il montaggio per {day} {moment}?",
    "il colore del {product} non corrisponde al campione: avevo scelto {colour}", "vi mando le foto del {part} {defect}",
    "abitiamo a {city}, al terzo piano senza ascensore", "il {product} è più largo di quanto indicato nel catalogo",
    "vorrei cambiare il rivestimento in {material}", "potete richiamarmi al numero {phone}?",
    "il negozio di {city} mi ha detto di scrivervi", "siamo un {company} e ci servono {count} {product}",
    "il {product} in {material} ha un odore forte", "il codice articolo è {article}", "avete ancora il {product} {colour} in magazzino?",
    "il montatore ha lasciato i cartoni in cortile", "aspetto vostre notizie da {count} giorni", "la scheda tecnica non è chiara sulle misure",
    "le viti fornite sono troppo corte per il {part}", "mi servono le istruzioni di montaggio del {product}",
    "il pagamento risulta ancora in sospeso", "preferirei un ritiro in negozio a {city}", "il {part} fa rumore quando si apre",
    "abbiamo verificato il problema con il fornitore", "il pezzo di ricambio arriverà entro {count} giorni lavorativi",
    "le abbiamo inviato un nuovo {part} con il corriere", "ci scusiamo per il disagio", "il tecnico passerà {day} {moment}",
    "ho aggiornato l'ordine {order} con il nuovo indirizzo", "può mandarci una foto dell'etichetta sul retro del {product}?",
    "la pratica è stata inoltrata al reparto tecnico", "abbiamo emesso la nota di credito per la fattura {invoice}",
    "il {product} {colour} tornerà disponibile a {month}", "il preventivo per il {product} in {material} è in allegato",
    "cliente molto arrabbiato, richiamare entro oggi", "verificato in magazzino: il {part} è disponibile",
    "il fornitore conferma il difetto del lotto {article}", "sentito il cliente al telefono, aspetta le foto",
]
GREETINGS = ["Buongiorno,", "Salve,", "Gentile servizio clienti,", "Buonasera,", "Spett.le Rossi Arredamenti,", "Gentile cliente,", "Ciao,"]
CLOSINGS = ["Cordiali saluti.", "Grazie, saluti.", "Resto in attesa di una risposta.", "Grazie mille.", "Distinti saluti.", "A presto."]
MONTHS = "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre".split()
# Seasons: the desk's busy months and its quiet August.
SEASON = {1: 1.0, 2: 0.9, 3: 1.0, 4: 1.0, 5: 1.1, 6: 1.1, 7: 0.9, 8: 0.45, 9: 1.2, 10: 1.25, 11: 1.4, 12: 1.3}
WEEKDAY = [1.0, 1.05, 1.0, 1.0, 0.95, 0.4, 0.12]

# Enum numbers (Cerchio.Service.Domain): status, channel, type, priority, entry kind.
NEW, OPEN, WAITING_CUSTOMER, WAITING_DEPARTMENT, RESOLVED, CLOSED = range(1, 7)
CHANNELS = ([1, 2, 3, 4, 5, 6, 7], [50, 20, 15, 5, 5, 2, 3])
TYPES = ([1, 2, 3, 4, 5], [40, 10, 25, 10, 15])
PRIORITIES = ([1, 2, 3, 4], [15, 60, 20, 5])
FIRST_RESPONSE_HOURS = {1: 24, 2: 8, 3: 4, 4: 1}
RESOLUTION_DAYS = {1: 10, 2: 5, 3: 2, 4: 1}
CUSTOMER_MESSAGE, REPLY, NOTE = 1, 2, 3
# The 23 touchpoints added to the 17 defaults (40 in all): code, name, online, stage of the default journey.
EXTRA_TOUCHPOINTS = [
    ("configuratore", "Configuratore online", True, "Valutazione"), ("showroom", "Showroom", False, "Valutazione"),
    ("sopralluogo", "Sopralluogo", False, "Valutazione"), ("progettazione", "Progettazione su misura", False, "Valutazione"),
    ("instagram", "Post su Instagram", True, "Scoperta"), ("recensioni", "Recensioni online", True, "Scoperta"),
    ("chat", "Chat sul sito", True, "Valutazione"), ("ordine", "Conferma d'ordine", False, "Acquisto"),
    ("pagamento", "Pagamento", False, "Acquisto"), ("finanziamento", "Finanziamento", False, "Acquisto"),
    ("tracking", "Tracciamento spedizione", True, "Consegna"), ("corriere", "Corriere", False, "Consegna"),
    ("magazzino", "Ritiro in magazzino", False, "Consegna"), ("montaggio", "Montaggio a domicilio", False, "Consegna"),
    ("app", "App mobile", True, "Utilizzo"), ("garanzia", "Garanzia", False, "Assistenza"),
    ("ricambi", "Ricambi", False, "Assistenza"), ("resi", "Resi e rimborsi", False, "Assistenza"),
    ("whatsapp", "WhatsApp", True, "Assistenza"), ("smaltimento", "Ritiro dell'usato", False, "Utilizzo"),
    ("sondaggio", "Sondaggio di soddisfazione", True, "Fidelizzazione"), ("fidelity", "Carta fedeltà", False, "Fidelizzazione"),
    ("promozioni", "Promozioni", True, "Fidelizzazione"),
]
# The 17 defaults (ProvisionalTouchpoints.Defaults, in its order) with the department that answers for each (Touchpoint.DefaultOwners).
DEFAULT_TOUCHPOINTS = [
    ("commerciale", "Venditore", False, "Vendite"), ("centralino", "Centralino", False, "Customer service e post-vendita"),
    ("fiera", "Stand in fiera", False, "Marketing e digitale"), ("catalogo", "Catalogo", False, "Marketing e digitale"),
    ("facebook", "Post su Facebook", True, "Marketing e digitale"), ("newsletter", "Newsletter", True, "Marketing e digitale"),
    ("etichetta", "Etichetta del prodotto", False, "Produzione"), ("email", "Email", True, "Customer service e post-vendita"),
    ("youtube", "Video su YouTube", True, "Marketing e digitale"), ("preventivo", "Preventivo", False, "Vendite"),
    ("sito", "Sito web", True, "Marketing e digitale"), ("fattura", "Fattura", False, "Amministrazione"),
    ("linkedin", "Post su LinkedIn", True, "Marketing e digitale"), ("manuale", "Manuale di istruzioni", False, "Produzione"),
    ("punto-vendita", "Punto vendita", False, "Vendite"), ("assistenza", "Servizio clienti", False, "Customer service e post-vendita"),
    ("consegna", "Consegna", False, "Logistica e magazzino"),
]
# What a case is about, from words of its subject (SUBJECTS), and the touchpoints it then names, with weights.
ABOUT = [
    ("non ancora arrivato", {"consegna": 70, "tracking": 20, "corriere": 10}),
    ("all'apertura dell'imballo", {"consegna": 60, "garanzia": 20, "etichetta": 10, "resi": 10}),
    ("preventivo", {"preventivo": 70, "configuratore": 15, "commerciale": 15}),
    ("Fattura", {"fattura": 90, "pagamento": 10}),
    ("Manca un pezzo", {"ricambi": 60, "consegna": 30, "manuale": 10}),
    ("Informazioni su", {"catalogo": 30, "sito": 30, "commerciale": 20, "chat": 10, "showroom": 10}),
    ("Montaggio", {"montaggio": 80, "sopralluogo": 20}),
    ("Cambio indirizzo", {"ordine": 60, "consegna": 40}),
    ("Reclamo", {"assistenza": 50, "consegna": 30, "garanzia": 20}),
    ("disponibile?", {"punto-vendita": 30, "sito": 30, "catalogo": 20, "magazzino": 20}),
    ("Sostituzione", {"ricambi": 50, "garanzia": 50}),
    ("Pagamento", {"pagamento": 60, "fattura": 20, "finanziamento": 20}),
    ("tecnico del montaggio", {"montaggio": 100}),
    ("catalogo", {"catalogo": 60, "newsletter": 20, "fiera": 20}),
    ("Disdetta", {"ordine": 60, "commerciale": 40}),
    ("su misura", {"progettazione": 60, "sopralluogo": 20, "preventivo": 20}),
    ("Reso", {"resi": 80, "smaltimento": 20}),
    ("Ritardo", {"consegna": 80, "tracking": 20}),
    ("Colore diverso", {"consegna": 40, "ordine": 30, "resi": 30}),
    ("showroom", {"showroom": 70, "punto-vendita": 30}),
]
# The few cases that come from the less busy touchpoints, whatever their subject.
SELDOM = ["email", "app", "whatsapp", "instagram", "recensioni", "fidelity", "promozioni", "sondaggio", "facebook", "linkedin",
          "youtube", "newsletter", "chat", "finanziamento", "smaltimento"]
HOUR = 3600
DAY = 86400


def guid(rng, seconds):
    """A version-7 guid for the instant: 48 bits of Unix milliseconds, then random bits."""
    value = (int(seconds * 1000) << 80) | (0x7 << 76) | (rng.getrandbits(12) << 64) | (0b10 << 62) | rng.getrandbits(62)
    return uuid.UUID(int=value)


def status_of(rng, age):
    """Fresh cases are mostly open; after three months nearly all are closed, a few forgotten ones still open."""
    if age < 2 * DAY:
        return rng.choices([NEW, OPEN, WAITING_CUSTOMER, WAITING_DEPARTMENT, RESOLVED], [40, 35, 10, 8, 7])[0]
    if age < 30 * DAY:
        return rng.choices([NEW, OPEN, WAITING_CUSTOMER, WAITING_DEPARTMENT, RESOLVED, CLOSED], [4, 28, 20, 10, 25, 13])[0]
    if age < 90 * DAY:
        return rng.choices([OPEN, WAITING_CUSTOMER, WAITING_DEPARTMENT, RESOLVED, CLOSED], [4, 5, 2, 15, 74])[0]
    return rng.choices([OPEN, WAITING_CUSTOMER, CLOSED], [3, 3, 994])[0]


class Words:
    """Fills the templates; one instance per run, from the run's random generator."""

    def __init__(self, rng):
        self.rng = rng

    def fill(self, template):
        r = self.rng
        product = r.choice(PRODUCTS)
        return template.format(
            product=product, Product=product.capitalize(), material=r.choice(MATERIALS), colour=r.choice(COLOURS),
            defect=r.choice(DEFECTS), defect2=r.choice(DEFECTS)[:-1] + "o", part=r.choice(PARTS), day=r.choice(DAYS),
            moment=r.choice(MOMENTS), city=r.choice(CITIES)[0], order=f"{r.randint(2023, 2026)}/{r.randint(1000, 99999)}",
            invoice=f"{r.randint(1, 2400)}/{r.randint(23, 26)}", date=f"{r.randint(1, 28)}/{r.randint(1, 12)}",
            phone=f"3{r.randint(20, 49)} {r.randint(1000000, 9999999)}", company=r.choice(COMPANY).lower(),
            count=r.randint(2, 30), article=f"{r.choice('ABCDEFGHKLMPRST')}{r.randint(100, 999)}-{r.randint(10, 99)}",
            month=r.choice(MONTHS), year=r.randint(2024, 2027))


def calendar(rng, cases, now):
    """Each case's creation time, oldest first: days drawn by season, weekday and growth, hours in opening time."""
    start = now - 3 * 365 * DAY
    days = [start + d * DAY for d in range(3 * 365)]
    weights = []
    for i, day in enumerate(days):
        date = datetime.datetime.fromtimestamp(day, datetime.timezone.utc)
        weights.append(SEASON[date.month] * WEEKDAY[date.weekday()] * (1 + 0.5 * i / len(days)))
    cumulative = [0.0]
    for w in weights:
        cumulative.append(cumulative[-1] + w)
    times = []
    for _ in range(cases):
        d = bisect.bisect(cumulative, rng.random() * cumulative[-1]) - 1
        hour = rng.choices(range(24), [0, 0, 0, 0, 0, 0, 1, 3, 8, 10, 10, 9, 6, 7, 9, 9, 8, 6, 4, 2, 2, 1, 1, 0])[0]
        times.append(min(days[d] + hour * HOUR + rng.randrange(HOUR), now - 60))
    times.sort()
    return times


def sentence(text):
    text = text[0].upper() + text[1:]
    return text if text.endswith("?") else text + "."


def touchpoint_of(rng, subject, channel):
    """The touchpoint a case names: mostly what its subject is about; the switchboard for a third of the calls, the
    shop or the fair for what was raised there; a few from the quiet touchpoints; 8% none."""
    draw = rng.random()
    if draw < 0.08:
        return None
    if draw < 0.13:
        return rng.choice(SELDOM)
    if channel == 2 and draw < 0.40:
        return "centralino"
    if channel == 5 and draw < 0.60:
        return "punto-vendita"
    if channel == 6 and draw < 0.80:
        return "fiera"
    for words, codes in ABOUT:
        if words in subject:
            return rng.choices(list(codes), list(codes.values()))[0]
    return "assistenza"


def body(rng, pool, kind):
    """A message: greeting, two to six sentences, closing; the planted words at their shares."""
    parts = rng.choices(pool, k=rng.randint(2, 6))
    text = " ".join(parts) if kind == NOTE else f"{rng.choice(GREETINGS)} {' '.join(parts)} {rng.choice(CLOSINGS)}"
    for word, share in PLANTED:
        if rng.random() < share:
            text += f" Riguarda la {word}." if rng.random() < 0.5 else f" Per la {word} ci sentiamo."
    return text


def generate(provider, target, cases, seed):
    rng = random.Random(seed)
    words = Words(rng)
    # Filled once: drawing whole sentences keeps 5 million messages to minutes; 60,000 of them keep the vocabulary varied.
    pool = [sentence(words.fill(rng.choice(SENTENCES))) for _ in range(60_000)]
    subjects = [words.fill(rng.choice(SUBJECTS)) for _ in range(20_000)]
    db = Db(provider, target)
    org = db.scalar('SELECT "Id" FROM "Organizations" ORDER BY "CreatedAt" LIMIT 1')
    people = db.rows('''SELECT u."Id", u."DisplayName", m."DepartmentId" FROM "Memberships" AS m JOIN "AspNetUsers" AS u ON u."Id" = m."UserId"
                        WHERE m."OrganizationId" = @org''', org)
    departments = [r[0] for r in db.rows('SELECT "Id" FROM "Departments" WHERE "OrganizationId" = @org', org)]
    first_number = int(db.scalar('SELECT coalesce(max("Number"), 0) FROM "Cases" WHERE "OrganizationId" = @org', org)) + 1
    now = int(time.time())
    started = time.time()
    # Its own generator, so the rest of a seed's data set is what it was before cases had touchpoints.
    touchpoints = random.Random(seed + 1)

    customers = []
    for i in range(max(1, cases // 10)):
        kind = 1 if rng.random() < 0.3 else 2
        city, province = rng.choice(CITIES)
        first, last = rng.choice(FIRST), rng.choice(LAST)
        name = f"{rng.choice(COMPANY)} {last} {rng.choice(SUFFIX)}" if kind == 1 else f"{first} {last}"
        email = f"{'info' if kind == 1 else first.lower()}.{last.lower().replace(chr(39), '')}{i}@esempio.it"
        vat = f"IT{rng.randrange(10**10, 10**11)}" if kind == 1 else None
        code = f"CLI-{100000 + i}"
        search = " ".join(s for s in (name, email, vat, city, code) if s).lower()
        customers.append((guid(rng, now - 3 * 365 * DAY + i), kind, name, first if kind == 2 else None, last if kind == 2 else None,
                          email, f"3{rng.randint(20, 49)}{rng.randint(1000000, 9999999)}", city, province, vat, code, search))
    db.customers(org, customers, now - 3 * 365 * DAY)

    def case_rows():
        for i, created in enumerate(calendar(rng, cases, now)):
            number = first_number + i
            status = status_of(rng, now - created)
            channel = rng.choices(*CHANNELS)[0]
            kind = rng.choices(*TYPES)[0]
            priority = rng.choices(*PRIORITIES)[0]
            customer = customers[int(len(customers) * rng.random() ** 2)] if rng.random() < 0.92 else None
            person = rng.choice(people) if status != NEW or rng.random() < 0.5 else None
            department = person[2] if person and person[2] else (rng.choice(departments) if departments and rng.random() < 0.7 else None)
            first_due = created + FIRST_RESPONSE_HOURS[priority] * HOUR
            resolution_due = created + RESOLUTION_DAYS[priority] * DAY
            count = 20 if number % 1000 == 0 else 1 if status == NEW else 1 + min(18, int(rng.expovariate(1 / 4.5)))
            case_id = guid(rng, created)
            entries, at = [], created
            for m in range(count):
                entry_kind = CUSTOMER_MESSAGE if m == 0 else NOTE if rng.random() < 0.1 else REPLY if m % 2 else CUSTOMER_MESSAGE
                if m:
                    at = min(now - 1, at + rng.randint(10 * 60, 2 * DAY))
                author = (person or rng.choice(people)) if entry_kind != CUSTOMER_MESSAGE else None
                entries.append((guid(rng, at), case_id, entry_kind, at, author[0] if author else None,
                                author[1] if author else (customer[2] if customer else "Cliente"),
                                channel if entry_kind == CUSTOMER_MESSAGE else None, body(rng, pool, entry_kind)))
            responded = created + rng.randint(10 * 60, FIRST_RESPONSE_HOURS[priority] * 2 * HOUR) if status != NEW else None
            if responded and responded > now:
                responded = now - 1
            resolved = min(now - 1, at + rng.randint(HOUR, 3 * DAY)) if status in (RESOLVED, CLOSED) else None
            closed = min(now - 1, resolved + 7 * DAY) if status == CLOSED else None
            running = status in (NEW, OPEN, WAITING_DEPARTMENT)
            sla_due = (resolution_due if responded else first_due) if running else None
            paused = at if status == WAITING_CUSTOMER else None
            subject = rng.choice(subjects)
            yield (case_id, number, subject, status, kind, priority, channel, kind == 2, customer[0] if customer else None,
                   customer[2] if customer else None, customer[5] if customer else None, person[0] if person else None, department,
                   created, at, at, responded, first_due, resolution_due, sla_due, paused, resolved, closed,
                   1 if status in (RESOLVED, CLOSED) and rng.random() < 0.03 else 0, touchpoint_of(touchpoints, subject, channel)), entries

    written = db.cases(org, case_rows())
    db.finish(org, first_number + cases - 1)
    print(f"{len(customers):,} customers, {cases:,} cases, {written:,} messages in {time.time() - started:.0f} s ({provider})")


def touchpoints(provider, target, seed):
    """The demo company's catalog of 40 touchpoints, the added ones on the default journey, and cases from before with theirs."""
    db = Db(provider, target, load=False)
    org = db.scalar('SELECT "Id" FROM "Organizations" ORDER BY "CreatedAt" LIMIT 1')
    now = db.time(int(time.time()))
    departments = db.rows('SELECT "Id", "Name" FROM "Departments" WHERE "OrganizationId" = @org', org)
    owner = lambda name: next((d for d, n in departments if n.startswith(name)), None)
    stored = {r[0] for r in db.rows('SELECT "Code" FROM "Touchpoints" WHERE "OrganizationId" = @org', org)}
    # Stored in the catalog's order, as the app stores the defaults on the first change.
    catalog = [(c, n, o, owner(d)) for c, n, o, d in DEFAULT_TOUCHPOINTS] + [(c, n, o, None) for c, n, o, _ in EXTRA_TOUCHPOINTS]
    added = [(db.value(guid(random.Random(i), time.time())), db.value(org), code, name, db.value(online), db.value(department),
              "", "", "", db.value(False), len(stored) + i, now)
             for i, (code, name, online, department) in enumerate(c for c in catalog if c[0] not in stored)]
    db.write("Touchpoints", '"Id", "OrganizationId", "Code", "Name", "Online", "OwnerDepartmentId", "Promise", "MomentsOfTruth", '
             '"PainPoints", "IsArchived", "Position", "UpdatedAt"', added)

    journey = db.rows('SELECT "Id" FROM "Journeys" WHERE "OrganizationId" = @org AND "Code" = \'cliente-b2b\'', org)
    cards = []
    if journey:
        stages = dict((name, stage) for stage, name in db.rows(f'SELECT "Id", "Name" FROM "JourneyStages" WHERE "JourneyId" = \'{journey[0][0]}\'', None))
        on_map = {r[0] for r in db.rows(f'SELECT "TouchpointCode" FROM "JourneyCards" WHERE "JourneyId" = \'{journey[0][0]}\'', None)}
        for i, (code, _, _, stage) in enumerate(EXTRA_TOUCHPOINTS):
            if code not in on_map and stage in stages:
                cards.append((db.value(guid(random.Random(100 + i), time.time())), db.value(org), journey[0][0], stages[stage], code, 10 + i))
        db.write("JourneyCards", '"Id", "OrganizationId", "JourneyId", "StageId", "TouchpointCode", "Position"', cards)

    # A data set from before cases had touchpoints (fewer than one case in twenty has one): its cases get theirs now.
    total, named = db.rows('SELECT count(*), count("TouchpointCode") FROM "Cases" WHERE "OrganizationId" = @org', org)[0]
    cases = []
    if int(named) * 20 < int(total):
        rng = random.Random(seed + 1)
        cases = [(touchpoint_of(rng, subject, int(channel)), case) for case, subject, channel in db.rows(
            'SELECT "Id", "Subject", "Channel" FROM "Cases" WHERE "OrganizationId" = @org AND "TouchpointCode" IS NULL ORDER BY "Number"', org)]
        db.set_touchpoints([c for c in cases if c[0]])
        db.forget_touchpoint_days()
    db.close()
    given = f", {len(cases):,} cases given a touchpoint" if cases else ""
    print(f"{len(added)} touchpoints added to the catalog, {len(cards)} cards to the default journey{given} ({provider})")


def wait_days(provider, target, timeout, again=False):
    """Waits until Cerchio has built the stored touchpoint days (its sweep pass) and written every marked day again;
    with again, has them built anew first (forgetting the state) and waits for that build."""
    if again:
        db = Db(provider, target, load=False)
        db.forget_touchpoint_days()
        db.close()
    start = time.time()
    while time.time() - start < timeout:
        db = Db(provider, target, load=False)
        built = int(db.scalar('SELECT count(*) FROM "TouchpointDayStates"'))
        marks = int(db.scalar('SELECT count(*) FROM "TouchpointDayMarks"'))
        days = int(db.scalar('SELECT count(*) FROM "TouchpointDays"'))
        months = int(db.scalar('SELECT count(*) FROM "TouchpointMonths"'))
        if db.sqlite:
            db.db.execute("ROLLBACK")
            db.db.close()
        if built and not marks:
            print(f"touchpoint days built: {days:,} day rows, {months:,} month rows, {time.time() - start:.0f} s of waiting ({provider})")
            return
        time.sleep(1)
    sys.exit(f"the touchpoint days were not built in {timeout} s")


CASE_COLUMNS = ('"Id", "Number", "Subject", "Status", "Type", "Priority", "Channel", "IsComplaint", "CustomerId", "RequesterName", '
                '"RequesterEmail", "AssigneeId", "DepartmentId", "CreatedAt", "UpdatedAt", "LastActivityAt", "FirstResponseAt", '
                '"FirstResponseDueAt", "ResolutionDueAt", "SlaDueAt", "SlaPausedAt", "ResolvedAt", "ClosedAt", "ReopenCount", '
                '"TouchpointCode", "OrganizationId", "SlaAlertsSent", "WaitedOnCustomer"')
ENTRY_COLUMNS = '"Id", "CaseId", "Kind", "At", "AuthorId", "AuthorName", "Channel", "Text", "OrganizationId"'
CUSTOMER_COLUMNS = ('"Id", "Kind", "Name", "FirstName", "LastName", "Email", "Phone", "City", "Province", "VatNumber", "ExternalId", '
                    '"SearchText", "OrganizationId", "Country", "Attributes", "NeedsReview", "CreatedAt", "UpdatedAt"')
TIME_COLUMNS_OF_CASE = range(13, 23)
LOADED = ("Customers", "Cases", "CaseEntries")


class Db:
    """The two databases' ways of writing the same rows."""

    def __init__(self, provider, target, load=True):
        self.sqlite = provider == "sqlite"
        self.target = target
        if self.sqlite and not load:
            self.db = sqlite3.connect(target, isolation_level=None, timeout=60)
            self.db.execute("BEGIN")
        elif self.sqlite:
            self.db = sqlite3.connect(target, isolation_level=None)
            self.db.execute("PRAGMA journal_mode = OFF")   # one big transaction into a throw-away file
            self.db.execute("PRAGMA synchronous = OFF")
            self.db.execute("PRAGMA cache_size = -1000000")
            self.db.execute("BEGIN")
        else:
            self.psql = ["psql", target, "-v", "ON_ERROR_STOP=1", "-qAt"]
            self.loading = None
            self.indexes = []
            if not load:
                return
            # Loading sessions skip the foreign keys' triggers (the rows are consistent by construction).
            self.loading = dict(os.environ, PGOPTIONS="-c session_replication_role=replica")
            self.indexes = self.rows(f'''SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'
                AND tablename IN ({", ".join(f"'{t}'" for t in LOADED)}) AND indexname NOT LIKE 'PK\\_%' ''', None)
            subprocess.run(self.psql + ["-c", "".join(f'DROP INDEX "{name}";' for name, _ in self.indexes)], check=True)

    def rows(self, sql, org):
        if self.sqlite:
            return self.db.execute(sql.replace("@org", "?"), (org,) * sql.count("@org")).fetchall()
        out = subprocess.check_output(self.psql + ["-F", "\t", "-c", sql.replace("@org", f"'{org}'" if org else "NULL")], text=True)
        return [tuple(v or None for v in line.split("\t")) for line in out.splitlines() if line]

    def scalar(self, sql, org=None):
        return self.rows(sql, org)[0][0]

    def value(self, v):
        """A value as this database stores it: SQLite guids upper-case text and times EF's binary form; PostgreSQL COPY text."""
        if isinstance(v, uuid.UUID):
            return str(v).upper() if self.sqlite else str(v)
        if isinstance(v, bool):
            return int(v) if self.sqlite else ("t" if v else "f")
        return v

    def time(self, seconds):
        if seconds is None:
            return None
        if self.sqlite:   # DateTimeOffsetToBinaryConverter: UTC ticks / 1000, shifted past the 11 offset bits (offset 0)
            return ((seconds * 10_000_000 + 621_355_968_000_000_000) // 1000) << 11
        return datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S+00")

    def copy_line(self, values):
        return "\t".join(r"\N" if v is None else str(v).replace("\\", "\\\\").replace("\t", " ").replace("\n", " ") for v in values) + "\n"

    def customers(self, org, rows, created):
        at = self.time(created)
        full = [tuple(self.value(v) for v in r) + (self.value(org), "IT", "{}", self.value(False), at, at) for r in rows]
        self.write("Customers", CUSTOMER_COLUMNS, full)

    def cases(self, org, generated):
        o = self.value(org)
        written = [0]

        def split():
            for case, entries in generated:
                case = tuple(self.time(v) if i in TIME_COLUMNS_OF_CASE else self.value(v) for i, v in enumerate(case))
                yield "case", case + (o, 0, 0)
                for e in entries:
                    written[0] += 1
                    yield "entry", (self.value(e[0]), self.value(e[1]), e[2], self.time(e[3]), self.value(e[4]), e[5], e[6], e[7], o)

        if self.sqlite:
            case_sql = f'INSERT INTO "Cases" ({CASE_COLUMNS}) VALUES ({", ".join("?" * 28)})'
            entry_sql = f'INSERT INTO "CaseEntries" ({ENTRY_COLUMNS}) VALUES ({", ".join("?" * 9)})'
            case_insert, entry_insert = self.db.cursor(), self.db.cursor()
            for kind, row in split():
                (case_insert.execute(case_sql, row) if kind == "case" else entry_insert.execute(entry_sql, row))
            return written[0]
        # One COPY per table, fed as the rows are made: cases first into a buffer file, entries streamed.
        with open("/tmp/desk-data-cases.tsv", "w") as cases_file:
            entries = self.copy("CaseEntries", ENTRY_COLUMNS)
            for kind, row in split():
                if kind == "case":
                    cases_file.write(self.copy_line(row))
                else:
                    entries.stdin.write(self.copy_line(row))
            entries.stdin.close()
            if entries.wait():
                sys.exit("COPY CaseEntries failed")
        subprocess.run(self.psql + ["-c", f'\\copy "Cases" ({CASE_COLUMNS}) FROM \'/tmp/desk-data-cases.tsv\''], check=True, env=self.loading)
        os.remove("/tmp/desk-data-cases.tsv")
        return written[0]

    def copy(self, table, columns):
        return subprocess.Popen(self.psql + ["-c", f'\\copy "{table}" ({columns}) FROM STDIN'], stdin=subprocess.PIPE, text=True, env=self.loading)

    def write(self, table, columns, rows):
        if not rows:
            return
        if self.sqlite:
            self.db.executemany(f'INSERT INTO "{table}" ({columns}) VALUES ({", ".join("?" * len(rows[0]))})', rows)
            return
        process = self.copy(table, columns)
        for r in rows:
            process.stdin.write(self.copy_line(r))
        process.stdin.close()
        if process.wait():
            sys.exit(f"COPY {table} failed")

    def set_touchpoints(self, codes):
        """(code, case id) pairs: SQLite by the primary key, PostgreSQL through a COPY into a temporary table."""
        if self.sqlite:
            self.db.executemany('UPDATE "Cases" SET "TouchpointCode" = ? WHERE "Id" = ?', codes)
            return
        script = ('CREATE TEMP TABLE touchpoints (id uuid, code text);\nCOPY touchpoints FROM STDIN;\n'
                  + "".join(self.copy_line((case, code)) for code, case in codes)
                  + '\\.\nUPDATE "Cases" AS c SET "TouchpointCode" = t.code FROM touchpoints AS t WHERE c."Id" = t.id;\nANALYZE "Cases";\n')
        subprocess.run(self.psql, check=True, text=True, input=script)

    def forget_touchpoint_days(self):
        """Cases written behind Cerchio's back leave its stored touchpoint days stale: without their state it builds them again."""
        if self.sqlite:
            self.db.execute('DELETE FROM "TouchpointDayStates"')
        else:
            subprocess.run(self.psql, check=True, text=True, input='DELETE FROM "TouchpointDayStates";')

    def close(self):
        if self.sqlite:
            self.db.execute("COMMIT")
            self.db.close()

    def finish(self, org, last_number):
        """The next case opened through the app gets the number after the generated ones."""
        sql = f'''UPDATE "CaseCounters" SET "LastNumber" = {last_number} WHERE "OrganizationId" = @org;
                  INSERT INTO "CaseCounters" ("OrganizationId", "LastNumber") SELECT @org, {last_number}
                  WHERE NOT EXISTS (SELECT 1 FROM "CaseCounters" WHERE "OrganizationId" = @org);'''
        self.forget_touchpoint_days()
        if self.sqlite:
            o = self.value(org)
            for statement in sql.split(";")[:2]:
                self.db.execute(statement.replace("@org", "?"), (o,) * statement.count("@org"))
            self.db.execute("COMMIT")
            # No ANALYZE: Cerchio never runs it, and with its statistics (no skew: a quarter of the rows per status) the
            # planner scans all the cases for the inbox's counts instead of the (OrganizationId, Status, …) index.
            self.db.close()
        else:
            # The indexes come back built in one pass each (GIN from sorted entries instead of row by row).
            rebuild = "SET maintenance_work_mem = '1GB';" + "".join(f"{definition};" for _, definition in self.indexes)
            subprocess.run(self.psql, check=True, text=True, input=sql.replace("@org", f"'{org}'") + rebuild + "ANALYZE;")


if __name__ == "__main__":
    if len(sys.argv) >= 5 and sys.argv[1] == "generate":
        generate(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]) if len(sys.argv) > 5 else 42)
    elif len(sys.argv) >= 4 and sys.argv[1] == "touchpoints":
        touchpoints(sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 42)
    elif len(sys.argv) >= 4 and sys.argv[1] == "wait-days":
        wait_days(sys.argv[2], sys.argv[3], 1800, again="--again" in sys.argv[4:])
    else:
        sys.exit(__doc__)
