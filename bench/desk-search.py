"""Full-text search bench (desk-search.sh): fills the demo company with generated cases and messages straight into
the database (the triggers or generated columns index them as they go in), then times GET /api/v1/search and, on
SQLite, the bare FTS5 top-20 query over the same index (the engine's own limit on this machine)."""
import json, random, sqlite3, statistics, subprocess, sys, time, urllib.parse, urllib.request, uuid

WORDS = ("ordine fattura cliente prodotto prezzo sconto spedizione corriere magazzino pagamento bonifico negozio "
         "divano tavolo sedia armadio letto cucina bagno montaggio tecnico appuntamento telefono email risposta "
         "ritardo problema richiesta informazioni preventivo colore misura legno metallo vetro tessuto catalogo "
         "settimana giorno mattina pomeriggio lunedì martedì mercoledì giovedì venerdì città perché qualità "
         "arrivato arrivata sbagliato rotto graffiato mancante pezzo viti istruzioni chiamare richiamare grazie "
         "cordiali saluti gentile buongiorno salve attesa urgente possibile sostituzione reso ritiro indirizzo").split()
# Words with a known share of messages: a common one, a middling one, a rare one, a very rare one.
PLANTED = [("consegna", 0.10), ("garanzia", 0.01), ("rimborso", 0.001), ("zanzariera", 0.0001)]
QUERIES = ["consegna", "consegne", "garanzia rotto", "rimborso", "zanzariera", "cons", "perche qualita", "xyzzy"]


def text(rng, n):
    words = [rng.choice(WORDS) for _ in range(n)]
    for word, share in PLANTED:
        if rng.random() < share:
            words.insert(rng.randrange(len(words) + 1), word)
    return " ".join(words)


def rows(messages, org, first, sqlite):
    rng = random.Random(42)
    now = int(time.time())
    for i in range(messages // 5):
        case = str(uuid.uuid4())
        case = case.upper() if sqlite else case
        yield "case", (case, org, first + i, text(rng, rng.randint(3, 8)).capitalize())
        for _ in range(5):
            entry = str(uuid.uuid4())
            yield "entry", (entry.upper() if sqlite else entry, org, case, text(rng, rng.randint(15, 60)))


def generate(provider, target, messages):
    if provider == "sqlite":
        db = sqlite3.connect(target)
        org = db.execute('SELECT "Id" FROM "Organizations" LIMIT 1').fetchone()[0]
        first = (db.execute('SELECT max("Number") FROM "Cases"').fetchone()[0] or 0) + 1
        # SQLite stores DateTimeOffset as EF's binary form: (ticks / 1000) << 11, UTC.
        ticks = ((int(time.time()) * 10_000_000 + 621_355_968_000_000_000) // 1000) << 11
        cases, entries = [], []
        for kind, row in rows(messages, org, first, True):
            (cases if kind == "case" else entries).append(row)
        with db:
            db.executemany('''INSERT INTO "Cases" ("Id", "OrganizationId", "Number", "Subject", "Status", "Type", "Priority", "Channel",
                "IsComplaint", "ReopenCount", "CreatedAt", "UpdatedAt", "LastActivityAt", "FirstResponseDueAt", "ResolutionDueAt")
                VALUES (?, ?, ?, ?, 2, 1, 2, 1, 0, 0, ?, ?, ?, ?, ?)''', [r + (ticks,) * 5 for r in cases])
            db.executemany('''INSERT INTO "CaseEntries" ("Id", "OrganizationId", "CaseId", "Kind", "At", "Text") VALUES (?, ?, ?, 1, ?, ?)''',
                           [(e[0], e[1], e[2], ticks, e[3]) for e in entries])
        return
    psql = ["psql", target, "-v", "ON_ERROR_STOP=1", "-qAt"]
    org = subprocess.check_output(psql + ["-c", 'SELECT "Id" FROM "Organizations" LIMIT 1'], text=True).strip()
    first = int(subprocess.check_output(psql + ["-c", 'SELECT coalesce(max("Number"), 0) + 1 FROM "Cases"'], text=True).strip())
    with open("/dev/shm/desk-cases.tsv", "w") as c, open("/dev/shm/desk-entries.tsv", "w") as e:
        for kind, row in rows(messages, org, first, False):
            (c if kind == "case" else e).write("\t".join(str(v) for v in row) + "\n")
    # Meta-commands (\copy) and SQL together: through standard input, one session, so the temporary tables live on.
    subprocess.run(psql, check=True, text=True, input=r'''CREATE TEMP TABLE c ("Id" uuid, "OrganizationId" uuid, "Number" int, "Subject" text);
        CREATE TEMP TABLE e ("Id" uuid, "OrganizationId" uuid, "CaseId" uuid, "Text" text);
\copy c FROM '/dev/shm/desk-cases.tsv'
\copy e FROM '/dev/shm/desk-entries.tsv'
        INSERT INTO "Cases" ("Id", "OrganizationId", "Number", "Subject", "Status", "Type", "Priority", "Channel", "IsComplaint", "ReopenCount",
            "CreatedAt", "UpdatedAt", "LastActivityAt", "FirstResponseDueAt", "ResolutionDueAt")
            SELECT "Id", "OrganizationId", "Number", "Subject", 2, 1, 2, 1, false, 0, now(), now(), now(), now(), now() FROM c;
        INSERT INTO "CaseEntries" ("Id", "OrganizationId", "CaseId", "Kind", "At", "Text") SELECT "Id", "OrganizationId", "CaseId", 1, now(), "Text" FROM e;
        ANALYZE "Cases"; ANALYZE "CaseEntries";
        ''')


def percentiles(times):
    times = sorted(times)
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))]


def measure(url, key, runs):
    for query in QUERIES:
        address = f"{url}/api/v1/search?q={urllib.parse.quote(query)}"
        request = urllib.request.Request(address, headers={"Authorization": "Bearer " + key})
        found = json.load(urllib.request.urlopen(request))   # warm-up, and what it finds
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            urllib.request.urlopen(request).read()
            times.append((time.perf_counter() - start) * 1000)
        p50, p95 = percentiles(times)
        print(f"  HTTP  {query!r:20} cases {len(found['cases']):2} messages {len(found['messages']):2}  p50 {p50:7.1f} ms  p95 {p95:7.1f} ms")


def raw_sqlite(target, runs):
    db = sqlite3.connect(target)
    for query in QUERIES:
        match = " ".join(f'"{w[:-1] if len(w) >= 5 and w[-1] in "aeiou" else w}"*' for w in query.split())
        sql = '''SELECT rowid, bm25("CaseEntriesSearch") FROM "CaseEntriesSearch" WHERE "CaseEntriesSearch" MATCH ? ORDER BY 2 LIMIT 20'''
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            db.execute(sql, (match,)).fetchall()
            times.append((time.perf_counter() - start) * 1000)
        p50, p95 = percentiles(times)
        print(f"  raw   {query!r:20} top 20 messages                 p50 {p50:7.1f} ms  p95 {p95:7.1f} ms")


if __name__ == "__main__":
    {"generate": lambda a: generate(a[0], a[1], int(a[2])),
     "measure": lambda a: measure(a[0], a[1], int(a[2])),
     "raw-sqlite": lambda a: raw_sqlite(a[0], int(a[1]))}[sys.argv[1]](sys.argv[2:])
