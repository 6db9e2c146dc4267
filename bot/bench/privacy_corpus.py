"""A labelled corpus of frontline-style notes for the privacy benchmark.

Two splits with separate vocabularies and templates: ``dev`` and ``heldout`` (names, streets, towns,
brands, phrasing and templates written separately; the benchmark reports on it). Both splits have
been read while tuning the filter (its leaks were printed with ``--show-leaks``), so the figures here
are not a true held-out measure: the issue's own held-out set is. The last ten personal-data and five
clean held-out templates were added later to make the set harder (thanking someone by a word-like
name, towns after an address, order numbers and voucher dates that must survive). Each note is about
200 characters, ~70% hold personal data, ~15% arrive in Slack's wire encoding, ~20% are typed all in
lowercase.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

import phonenumbers
from stdnum import luhn


@dataclass(frozen=True)
class Note:
    """A note, its labelled personal-data spans ``(kind, start, end)`` and its sensitive topics."""

    text: str
    spans: tuple[tuple[str, int, int], ...]
    sensitive: frozenset[str] = field(default_factory=frozenset)
    wire: bool = False
    lower: bool = False


@dataclass
class Vocab:
    first: list[str]
    wordlike: list[str]
    surnames: list[str]
    streets: list[str]
    towns: list[str]
    brands: list[str]
    domains: list[str]
    pii: list[str]
    clean: list[str]
    fillers: list[str]
    sensitive: dict[str, list[str]]


DEV = Vocab(
    first="Sarah Tom Emma James Olivia Jack Amelia Harry Sophie Daniel Chloe Ryan Megan Liam Jessica Callum Priya "
          "Mohammed "
          "Aisha Wojciech Siobhan Aoife Kwame Zainab Tomasz Fatima Connor Hannah Ethan Lucy".split(),
    wordlike="Will Grace Rose Mark Bill Hope Joy Faith Amber Ivy Dawn Sue Rob Summer Holly Ruby".split(),
    surnames="Smith Jones Taylor Brown Williams Wilson Johnson Davies Patel Khan Evans Thomas Roberts Walker Wright "
             "Thompson White Hughes Edwards Green Hall Wood Harris Lewis Martin Jackson Clarke Clark Turner Hill "
             "Okafor Nguyen Kowalski Begum Ahmed Murphy O'Brien".split(),
    streets="Acacia Avenue|High Street|Station Road|Church Lane|Mill Lane|Park Road|Victoria Road|Green Lane|"
            "Manor Road|Kings Road|Queen Street|New Road|School Lane|Grange Road|Elm Grove|Oak Close|"
            "Willow Drive".split("|"),
    towns="Leeds|Manchester|Bristol|Sheffield|Norwich|Croydon|Reading|Derby|Stockport|Bolton".split("|"),
    brands="Jack Daniels|Mr Kipling|Ben & Jerry's|Dr Martens|Ted Baker|John Lewis|Uncle Ben's|Sara Lee".split("|"),
    domains="gmail.com hotmail.co.uk outlook.com yahoo.co.uk icloud.com btinternet.com".split(),
    pii=[
        "{name} came back about the kettle, wants a call on {phone}",
        "lady called {first} said her loyalty card {loyalty} keeps failing at the till",
        "Mrs {surname} at the counter asked us to email the receipt to {email}",
        "{first_lower} was upset the refund went to card ending {ending}, not her current card",
        "her son {wordlike} helps her shop on Tuesdays, she lives at {address}",
        "{name} paid with card {card} and it was declined twice",
        "gentleman gave his DOB as {dob} for the prescription collection##health",
        "{first} from the book club wants the order sent to {address}, {postcode}",
        "patient ID {patient} for {name}, pharmacy needs to call back on {phone}##health",
        "customer asked to update sort code {sortcode} and account {bankacct} for the refund",
        "IBAN {iban} given for the deposit return by {name}",
        "NI number {nino} read out loud at the desk, told {first} we don't need it",
        "SSN {ssn} written on the form, shredded it",
        "wifi complaint, device on {ip} kept dropping, {first} was annoyed",
        "{first} left a review and her insta is {social}",
        "policy number {policy} for the warranty, customer {name}",
        "{wordlike} said the milk was off again, Mr {surname} agreed",
        "spoke to {first_lower} {surname_lower} about the missing parcel, she was lovely",
        "membership no. {member} belongs to {first}, renew it next month",
        "{name} born {dob} asked about the over-60s discount",
    ],
    clean=[
        "till {till} froze twice during the lunch rush, queue out the door by {time}",
        "customer loved the new {brand} range, we sold {qty} by {time}",
        "table {table} asked for the gluten-free menu, took {mins} minutes to find it",
        "aisle {aisle} shelf empty again, SKU {sku} out of stock since {visit}",
        "price on the {brand} multipack says {price} but till charged {price2}",
        "regular said the new opening hours ({time} to {time2}) suit her better",
        "two people asked if we deliver to {city}, we don't yet",
        "booked the community room for {visit} at {time}, {qty} people expected",
        "coffee machine leaked at {time}, engineer coming {visit}",
        "lots of questions about the {brand} offer, {qty} for {price}",
    ],
    fillers=["thanks <@U024BE7LH>", "will follow up tomorrow", "flagged to the manager", "cc <#C0123ABC|floor-team>",
             "busy shift overall", "she was really kind about it", "need to check the policy", "<!here> heads up"],
    sensitive={
        "health": ["she mentioned she's pregnant", "he is diabetic and asked about sugar-free",
                   "she uses a wheelchair"],
        "financial": ["said they can't afford it this month", "mentioned being in arrears", "uses the food bank"],
        "addiction": ["said he's been sober a year", "talked about his gambling"],
        "religion": ["she's fasting for Ramadan", "asked for halal options"],
        "domestic": ["said she's scared of her partner", "mentioned the refuge"],
    },
)

HELDOUT = Vocab(
    first="Natalie Gareth Bethany Kieran Leanne Darren Shannon Jordan Rebecca Stuart Nadia Imran Agnieszka Oluwaseun "
          "Ciara Declan Yasmin Rohan Mei Chidi Kerry Wayne Tracey Nigel Beverley Craig Jade Lewis Fiona Ravi "
          "Niamh Bartosz Anjali Tariq Esther Malcolm".split(),
    wordlike="Will Grace Rose Mark Bill Pearl Ray Penny Jack Dawn Hope Sky Frank Robin Daisy".split(),
    surnames="Robinson Wood Harrison Morgan Cooper Bailey Parker Bennett Shaw Marshall Mitchell Kaur Singh Hussain "
             "Adeyemi Mensah Nowak Wiśniewski Fitzgerald Gallagher McKenzie Rahman Chowdhury Lloyd Griffiths "
             "Pritchard Ellis Barker Hodgson Doyle".split(),
    streets="Brook Street|Orchard Way|Meadow View|Cedar Avenue|Castle Street|Bridge Road|Chapel Lane|Springfield Road|"
            "Windsor Close|Hawthorn Crescent|Albert Terrace|Farm Lane|Beech Grove|Mount Pleasant Road".split("|"),
    towns="Wigan|Swindon|Gloucester|Luton|Salford|Barnsley|Carlisle|Exeter|Lincoln|Halifax".split("|"),
    brands="Jack Daniels|Mr Kipling|Ben & Jerry's|Captain Morgan|Paul Smith|Hugo Boss|Mary Berry|Aunt Bessie's|"
           "Baxters|Warburtons|Quorn|Mr Muscle".split("|"),
    domains="gmail.com yahoo.com live.co.uk aol.com protonmail.com sky.com".split(),
    pii=[
        "{first} rang from the car park, her number is {phone}, she couldn't find the click and collect bay",
        "gave {name} a refund to the card ending {ending} after the dress tore at the seam",
        "his loyalty number is {loyalty} but the app shows someone else's points",
        "the delivery for {name} is going to {address} {postcode} next week",
        "older gent, date of birth {dob}, wanted help setting up online banking",
        "{wordlike} and {first} from the choir dropped off donations for the food drive",
        "{first_lower} asked if we could text her on {phone} when the sofa arrives",
        "email bounced for {email}, {first} will pop in to check it",
        "{first_lower}'s daughter {wordlike_lower} had a fall in aisle 3, first aid given##health",
        "contactless failed so {name} typed card {card} in manually",
        "hospital number {patient} on the repeat prescription for Mr {surname}##health",
        "insurance policy {policy} quoted by {first} over the phone",
        "member card {member} registered to {name}, moved to {address}",
        "customer left her bank details: sort code {sortcode}, account number {bankacct}",
        "transfer came from {iban}, {first} {surname} says it's her old account",
        "national insurance {nino} on the job application from {first}",
        "router at {ip} blocked, {name} says it's their home connection",
        "{first} tagged us from {social}, lovely photo of the window display",
        "dob {dob} needed for the age check, {first_lower} had no ID",
        "{surname} family, {address}, asked about the school uniform scheme",
        # Added later to make the set harder (see the module docstring).
        "{wordlike} came in again about the boiler cover, said {first} would ring back",
        "told {first_lower} we can't take returns without a receipt, she was fine about it",
        "{first}'s husband {wordlike} waited by the tills while she tried on coats",
        "parcel for {first_lower} {surname_lower} came back undelivered, {address} doesn't exist apparently",
        "card ending {ending} declined three times for {surname}, suggested she call the bank",
        "thanked {wordlike_lower} for the flowers she brought in for the team",
        "the lady with the guide dog, {first}, asked for large print price labels##health",
        "new address for {name}: {address}, {postcode}, update the delivery account",
        "born {dob} so {first_lower} qualifies for the pensioner discount",
        "nectar card {loyalty} wouldn't scan for {first}, points added by hand",
    ],
    clean=[
        "card machine at till {till} rebooted at {time}, lost about {mins} minutes of sales",
        "{brand} display fell over near aisle {aisle}, nobody hurt, restacked {qty} units",
        "group of {qty} asked about the {brand} tasting on {visit}",
        "table {table} sent back the soup, too salty, comped a dessert ({price})",
        "barcode {sku} scans as the wrong item, charged {price} instead of {price2}",
        "visitors from {city} said our branch is friendlier than theirs",
        "we ran out of the {brand} stock by {time}, reorder placed for {visit}",
        "footfall quiet after {time}, {qty} returns processed at till {till}",
        "customer asked if the {brand} offer ends {visit}, told her it runs to {visit2}",
        "queue at the counter hit {qty} people at {time}, opened till {till}",
        "the {brand} promo stand by aisle {aisle} needs restocking before {time}",
        "delivery from the {city} depot arrived {visit}, {qty} cages, two damaged",
        "will check with <@U07QRS99X> whether the {brand} gift sets ship to {city}",
        "grace period on the {brand} voucher ends {visit}, reminded the team at {time}",
        "order {sku} for table {table} took {mins} minutes, chef short-staffed",
    ],
    fillers=["passed to <@U07QRS99X>", "logged for the weekly huddle", "cc <#C09XYZ|store-ops>",
             "all sorted in the end", "worth raising at the team meeting", "<!channel> fyi", "she was very patient",
             "rota needs another person"],
    sensitive={
        "health": ["she's just out of hospital after chemo", "he has dementia and got confused", "on new medication"],
        "financial": ["said money is tight and they're behind on rent", "on universal credit", "in debt"],
        "addiction": ["his drinking has got worse", "in rehab last year"],
        "religion": ["going to the mosque after", "needs it before church on Sunday"],
        "domestic": ["said her ex is abusive", "talked to the police about her partner"],
    },
)


def _phone(rng: random.Random) -> str:
    while True:
        kind = rng.random()
        if kind < 0.5:
            raw = f"07{rng.choice('45789')}{rng.randint(0, 9)}{rng.randint(0, 9)} {rng.randint(100000, 999999)}"
        elif kind < 0.7:
            raw = f"+44 7{rng.choice('45789')}{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(100, 999)}"
        elif kind < 0.85:
            area = rng.choice(["20 7", "161 4", "113 4", "121 4", "131 4"])
            raw = f"0{area}{rng.randint(10, 99)} {rng.randint(1000, 9999)}"
        else:
            raw = f"+1 ({rng.choice(['415', '212', '617', '312'])}) {rng.randint(201, 989)}-{rng.randint(1000, 9999)}"
        try:
            if phonenumbers.is_valid_number(phonenumbers.parse(raw, "GB")):
                return raw
        except phonenumbers.NumberParseException:
            continue


def _card(rng: random.Random, valid: bool = True) -> str:
    body = rng.choice("45") + "".join(str(rng.randint(0, 9)) for _ in range(14))
    check = luhn.calc_check_digit(body)
    digits = body + (check if valid else str((int(check) + rng.randint(1, 9)) % 10))
    sep = rng.choice([" ", "-", ""])
    return sep.join(digits[i:i + 4] for i in range(0, 16, 4))


def _iban(rng: random.Random) -> str:
    bban = rng.choice(["NWBK", "BARC", "LOYD", "MIDL"]) + "".join(str(rng.randint(0, 9)) for _ in range(14))
    num = "".join(str(int(c, 36)) for c in bban + "GB00")
    check = 98 - int(num) % 97
    iban = f"GB{check:02d}{bban}"
    return " ".join(iban[i:i + 4] for i in range(0, len(iban), 4)) if rng.random() < 0.6 else iban


def _nino(rng: random.Random) -> str:
    a = rng.choice("ABCEGHJKLMNOPRSTWXYZ") + rng.choice("ABCEGHJKLMNPRSTWXYZ")
    if a in ("BG", "GB", "KN", "NK", "NT", "TN", "ZZ"):
        a = "AB"
    d = f"{rng.randint(0, 99):02d}{rng.randint(0, 99):02d}{rng.randint(0, 99):02d}"
    s = rng.choice("ABCD")
    return f"{a} {d[:2]} {d[2:4]} {d[4:]} {s}" if rng.random() < 0.5 else f"{a}{d}{s}"


def _ssn(rng: random.Random) -> str:
    return f"{rng.randint(1, 665):03d}-{rng.randint(1, 99):02d}-{rng.randint(1, 9999):04d}"


def _postcode(rng: random.Random) -> str:
    area = rng.choice("LS M B BS S NR CR RG DE SK WN SN GL LU CA EX SW".split())
    letters = "ABDEFGHJLNPQRSTUWXYZ"
    return f"{area}{rng.randint(1, 19)} {rng.randint(1, 9)}{rng.choice(letters)}{rng.choice(letters)}"


def _dob(rng: random.Random) -> str:
    y, m, d = rng.randint(1935, 2005), rng.randint(1, 12), rng.randint(1, 28)
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"]
    return rng.choice([f"{d:02d}/{m:02d}/{y}", f"{d} {months[m - 1]} {y}", f"{d}.{m}.{y}",
                       f"{months[m - 1][:3]} {d}, {y}"])


def _visit(rng: random.Random) -> str:
    months = ["Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"]
    d = rng.randint(1, 28)
    return rng.choice([f"{d:02d}/{rng.randint(1, 12):02d}/2025", f"Friday {d} {rng.choice(months)}", "next Tuesday",
                       f"{d} {rng.choice(months)} 2026", f"2025-{rng.randint(1, 12):02d}-{d:02d}", "tomorrow"])


def _values(rng: random.Random, v: Vocab) -> dict[str, tuple[str, str | None]]:
    """Slot -> (text, kind of personal data or None)."""
    first, sur = rng.choice(v.first), rng.choice(v.surnames)
    wl = rng.choice(v.wordlike)
    num = str(rng.randint(1, 240)) + rng.choice(["", "", "", "a", "b"])
    street = rng.choice(v.streets)
    addr = rng.choice([f"{num} {street}", f"flat {rng.randint(1, 30)}, {num} {street}"])
    if rng.random() < 0.4:
        addr += f", {rng.choice(v.towns)}"
    handle = (first + rng.choice([".", "_", ""]) + sur).lower().replace("'", "") + str(rng.randint(0, 99))
    site = rng.choice(["instagram.com/", "facebook.com/", "tiktok.com/@", "linkedin.com/in/", "x.com/"])
    return {
        "name": (rng.choice([f"{first} {sur}", first, f"{first} {sur}"]), "name"),
        "first": (first, "name"), "first_lower": (first.lower(), "name"), "surname": (sur, "name"),
        "surname_lower": (sur.lower(), "name"), "wordlike": (wl, "name"), "wordlike_lower": (wl.lower(), "name"),
        "phone": (_phone(rng), "phone"),
        "email": (f"{first.lower()}{rng.choice(['.', '_', ''])}{sur.lower().replace(chr(39), '')}"
                  f"{rng.randint(1, 99)}@{rng.choice(v.domains)}", "email"),
        "card": (_card(rng), "card"), "loyalty": (_card(rng, valid=False), "account"),
        "ending": (f"{rng.randint(1000, 9999)}", "account"),
        "patient": (rng.choice(["PT-", "RX", "H", ""]) + f"{rng.randint(100000, 9999999)}", "account"),
        "policy": (rng.choice(["POL-", "PL", "HM/", ""]) + f"{rng.randint(1000000, 99999999)}", "account"),
        "member": (f"{rng.randint(10000, 99999999):08d}", "account"),
        "sortcode": (f"{rng.randint(10, 99)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}", "account"),
        "bankacct": (f"{rng.randint(10000000, 99999999)}", "account"),
        "iban": (_iban(rng), "iban"), "nino": (_nino(rng), "national_id"), "ssn": (_ssn(rng), "national_id"),
        "ip": (f"{rng.randint(11, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}", "ip"),
        "social": (f"https://{site}{handle}", "url"),
        "address": (addr, "address"), "postcode": (_postcode(rng), "postcode"), "dob": (_dob(rng), "dob"),
        "till": (str(rng.randint(1, 12)), None), "table": (str(rng.randint(1, 40)), None),
        "aisle": (str(rng.randint(1, 30)), None), "qty": (str(rng.randint(2, 60)), None),
        "mins": (str(rng.randint(5, 45)), None),
        "time": (rng.choice([f"{rng.randint(7, 11)}:{rng.choice(['00', '15', '30', '45'])}am", f"{rng.randint(1, 9)}pm",
                             f"{rng.randint(12, 21)}:{rng.choice(['00', '30'])}"]), None),
        "time2": (f"{rng.randint(5, 10)}pm", None),
        "price": (f"£{rng.randint(1, 60)}.{rng.choice(['00', '49', '99', '50'])}", None),
        "price2": (f"£{rng.randint(1, 60)}.{rng.choice(['00', '25', '99'])}", None),
        "sku": (rng.choice([f"{rng.randint(10**12, 10**13 - 1)}", f"SKU-{rng.randint(1000, 99999)}",
                            f"{rng.randint(100000, 999999)}"]), None),
        "brand": (rng.choice(v.brands), None), "city": (rng.choice(v.towns), None),
        "visit": (_visit(rng), None), "visit2": (_visit(rng), None),
    }


def _fill(template: str, vals: dict[str, tuple[str, str | None]]) -> tuple[str, list[tuple[str, int, int]]]:
    out: list[str] = []
    spans: list[tuple[str, int, int]] = []
    pos = 0
    i = 0
    while i < len(template):
        j = template.find("{", i)
        if j < 0:
            out.append(template[i:])
            pos += len(template) - i
            break
        out.append(template[i:j])
        pos += j - i
        k = template.index("}", j)
        text, kind = vals[template[j + 1:k]]
        if kind:
            spans.append((kind, pos, pos + len(text)))
        out.append(text)
        pos += len(text)
        i = k + 1
    return "".join(out), spans


def _wire(text: str, spans: list[tuple[str, int, int]]) -> tuple[str, list[tuple[str, int, int]]]:
    """Encode as Slack sends it: escapes, mailto/tel/https entities around emails, phones and links."""
    out: list[str] = []
    new: list[tuple[str, int, int]] = []
    pos = 0

    def esc(s: str) -> str:
        # Mentions and channel links are already entities; everything else is escaped.
        pieces = re.split(r"(<[@#!][^<>]{1,80}>)", s)
        return "".join(p if p.startswith("<") and p[1:2] in "@#!" else
                       p.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") for p in pieces)

    length = 0
    for kind, s, e in sorted(spans, key=lambda t: t[1]):
        chunk = esc(text[pos:s])
        out.append(chunk)
        length += len(chunk)
        value = text[s:e]
        if kind == "email":
            enc = f"<mailto:{value}|{value}>"
        elif kind == "phone":
            enc = f"<tel:{value.replace(' ', '')}|{value}>"
        elif kind == "url":
            enc = f"<{value}|{value.split('//', 1)[-1]}>"
        else:
            enc = esc(value)
        out.append(enc)
        new.append((kind, length, length + len(enc)))
        length += len(enc)
        pos = e
    out.append(esc(text[pos:]))
    return "".join(out), new


def generate(n: int = 2000, *, split: str = "heldout", seed: int = 20261122) -> list[Note]:
    """``n`` labelled notes from one split's vocabulary and templates, reproducible for a seed."""
    v = HELDOUT if split == "heldout" else DEV
    rng = random.Random(f"{split}:{seed}")
    notes = []
    for _ in range(n):
        vals = _values(rng, v)
        has_pii = rng.random() < 0.70
        parts = [rng.choice(v.pii if has_pii else v.clean)]
        if has_pii and rng.random() < 0.35:
            parts.append(rng.choice(v.pii))
        elif rng.random() < 0.5:
            parts.append(rng.choice([t for t in v.clean if t != parts[0]]))
        topics: set[str] = set()
        if rng.random() < 0.2:
            topic = rng.choice(sorted(v.sensitive))
            parts.append(rng.choice(v.sensitive[topic]))
            topics.add(topic)
        if rng.random() < 0.4:
            parts.append(rng.choice(v.fillers))
        # Notes of about 200 characters: pad short ones with another everyday remark.
        while sum(len(p) for p in parts) < 150:
            parts.insert(-1 if len(parts) > 1 else 1, rng.choice(v.clean + v.fillers))
        # A "##topic" tag on a template says which sensitive topic its wording implies.
        for k, part in enumerate(parts):
            if "##" in part:
                parts[k], topic_tag = part.split("##", 1)
                topics.add(topic_tag)
        template = ". ".join(parts) + rng.choice([".", "", "!"])
        text, spans = _fill(template, vals)
        lower = rng.random() < 0.2
        if lower:
            text = text.lower()
        wire = rng.random() < 0.15 or "<" in text
        if wire:
            text, spans = _wire(text, spans)
        notes.append(Note(text, tuple(spans), frozenset(topics), wire=wire, lower=lower))
    return notes
