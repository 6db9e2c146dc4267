"""A labelled corpus for the digest benchmark: two weeks of frontline notes with planted themes.

Nine themes are planted (eight in the week the digest is about): one exists only in the first week (gone),
one only in the second (new), one rises and one falls. Two of them ("refill station", "bus route") use
words the concept lexicon does not know, so the data-driven pass is measured too. 35% of the notes are
unrelated chatter, 3% are sensitive (some of them on a planted theme, so the quote filter is tested where
it matters), and words are misspelt and abbreviated at random. Every note carries a sentiment label
(-1, 0, 1) for the mood figure's accuracy.

Each theme has three sets of phrasings written apart: ``dev`` and ``dev2`` (what the engine was developed
and tuned on) and ``heldout`` (written last, in other staff voices, and not used to tune anything). The
benchmark reports the held-out set on a seed other than the development seed (7), so a lexicon that merely
learned the templates would show it. The noise and sensitive notes are shared by all three.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

PRODUCTS = ["oat milk", "sourdough", "free range eggs", "basmati rice", "greek yoghurt", "coffee beans"]
FRUIT = ["strawberries", "avocados", "bananas", "grapes", "tomatoes", "apples", "blueberries", "melons"]
MINS = ["15", "20", "25", "30", "40", "45"]
WHO = ["customer", "a regular", "lady", "older gent", "young mum", "cust", "a couple", "one of our regulars",
       "a man", "woman", "gentleman", "student"]
WHEN = ["at lunch", "this morning", "after school", "on the saturday rush", "tonight", "at teatime", "earlier", ""]
STAFF = ["Sam", "the new starter", "the lad on nights", "our supervisor", "the girl on tills", "the duty manager"]
DEPT = ["deli counter", "bakery", "tills", "fish counter", "customer service desk", "floor"]

Phrasing = tuple[str, int]  # (template, sentiment label)


@dataclass(frozen=True)
class Planted:
    trend: str  # expected in week 2
    volumes: tuple[int, int]  # notes in week 1 and week 2 at scale 1
    dev: tuple[Phrasing, ...]
    dev2: tuple[Phrasing, ...]
    heldout: tuple[Phrasing, ...] = ()


THEMES: dict[str, Planted] = {
    "queues": Planted("steady", (150, 150), dev=(
        ("queue at the tills was {mins} mins {when}", -1),
        ("{who} said she waited {mins} minutes to pay, only one till open", -1),
        ("long line at checkout again, a couple left their basket and walked out", -1),
        ("{who} asked why we never open more tills when it's this busy", -1),
        ("people stood for ages to be served {when}", -1),
        ("waiting time at the front was terrible, {mins} min easily", -1),
        ("{who} said the wait to pay is getting worse every week", -1),
        ("{who} complained the queue went right back to the bakery", -1),
    ), dev2=(
        ("{who} stuck in the line for {mins} minutes {when}, only two tills on", -1),
        ("massive queue {when}, {who} gave up and left the shopping", -1),
        ("{who} moaned it took {mins} min just to get to the till", -1),
        ("tills were rammed {when} and the wait was silly", -1),
        ("{who} asked can we get more checkouts open at busy times, the queues are awful", -1),
        ("{who} said the queueing here is the worst in town", -1),
        ("line for the tills went down past the freezers {when}", -1),
        ("{who} annoyed about how long she had to queue {when}", -1),
    )),
    "self_checkout": Planted("rising", (60, 150), dev=(
        ("self checkout kept saying unexpected item in the bagging area", -1),
        ("the self-scan machines froze twice, {who} needed help each time", -1),
        ("{who} gave up on the self service tills, said they never work", -1),
        ("machine at self checkout wouldn't take coins", -1),
        ("self checkouts asking for approval for every single item, very annoying", -1),
        ("scanner on the self checkout wouldn't read barcodes", -1),
        ("{who} struggled with the self checkout screen, nobody came to help", -1),
    ), dev2=(
        ("{who} had trouble with the self scan tills, kept asking for assistance", -1),
        ("the self-service machines wouldn't accept her card {when}", -1),
        ("{who} said the scan your own tills are a nightmare, always need a staff member", -1),
        ("self checkout number 3 rejected every item, {who} had to go to a staffed till", -1),
        ("{who} hates the self checkouts, says they never work properly", -1),
        ("bagging area error on the self-checkout again, {who} fed up", -1),
        ("self service till froze mid shop and {who} had to start over", -1),
        ("{who} couldn't work out the touch screen on the self checkout", -1),
    )),
    "oat_milk": Planted("falling", (150, 60), dev=(
        ("oat milk out of stock again, third time this week", -1),
        ("no oat milk on the shelf {when}, {who} not impressed", -1),
        ("{who} asked why we keep running out of oat milk", -1),
        ("couldn't get oat milk, {who} said the other shop has loads", -1),
        ("oat milk shelf empty by 10am", -1),
        ("{who} wanted the barista oat milk, we had none left", -1),
    ), dev2=(
        ("we were out of oat milk again {when}, {who} not happy", -1),
        ("{who} asked when the oat milk delivery comes in, shelf bare again", -1),
        ("{who} frustrated we never have the oat milk she likes in stock", -1),
        ("shelf for oat milk was bare {when}", -1),
        ("sold out of oat milk before midday", -1),
        ("{who} said oat milk is always missing at this branch", -1),
        ("no oat milk left {when}, {who} went elsewhere", -1),
    )),
    "app": Planted("new", (0, 120), dev=(
        ("the app crashed when she tried to book a delivery slot", -1),
        ("{who} couldn't log in to the app after the update", -1),
        ("app keeps freezing at the payment page", -1),
        ("website said click and collect was unavailable all day", -1),
        ("{who} showed me the app error when adding vouchers to the basket", -1),
        ("online order page timed out three times, she gave up and came in", -1),
    ), dev2=(
        ("{who} said our app logged her out and lost her basket", -1),
        ("online shop wouldn't let {who} pay, it just kept spinning", -1),
        ("{who} couldn't get the website to load on his phone", -1),
        ("app update broke the shopping list, {who} annoyed", -1),
        ("website checkout failed twice for {who}, came to the shop instead", -1),
        ("{who} got an error message on the app trying to book click and collect", -1),
        ("the mobile app wont open since the update", -1),
    )),
    "parking": Planted("gone", (120, 0), dev=(
        ("car park was full by 9, {who} drove round for ages", -1),
        ("no parking spaces left near the entrance", -1),
        ("{who} got a parking fine even though she was shopping here", -1),
        ("parent and child spaces were taken by people without kids", -1),
        ("the pay and display machine in the car park is broken", -1),
    ), dev2=(
        ("{who} could not find a space in the car park {when}", -1),
        ("car park full again, {who} had to park on the street", -1),
        ("{who} annoyed about the new parking charges", -1),
        ("barrier on the car park exit stuck, cars backed up to the road", -1),
        ("disabled bays all taken by people without blue badges", -1),
        ("{who} got a ticket in our car park even though she was shopping", -1),
        ("{who} said parking here is a nightmare on saturdays", -1),
    )),
    "praise": Planted("steady", (115, 115), dev=(
        ("{who} said the staff on the deli counter were really helpful", 1),
        ("lovely feedback about the team, she said everyone is so friendly", 1),
        ("{who} thanked us for carrying his shopping to the car", 1),
        ("{who} praised the new starter on tills for being patient with his mum", 1),
        ("{who} said our staff are the best in town", 1),
        ("she wanted to compliment the lad on the floor who found her size", 1),
    ), dev2=(
        ("{who} said {staff} on the {dept} was so patient with her", 1),
        ("{who} told me the team were brilliant when her little boy wandered off", 1),
        ("{who} left a thank you card for the {dept} team", 1),
        ("lovely comment from {who} about how welcoming everyone is", 1),
        ("{who} said our staff always go the extra mile", 1),
        ("{who} was really grateful {staff} helped her find everything", 1),
        ("{who} said the service from {staff} was spot on", 1),
    )),
    "fruit_prices": Planted("steady", (115, 115), dev=(
        ("{who} said {fruit} have got so expensive lately", -1),
        ("price of {fruit} went up again, {who} noticed straight away", -1),
        ("{who} said {fruit} are cheaper at the market", -1),
        ("{who} felt our fruit and veg prices are too high now", -1),
        ("{who} asked why {fruit} cost more here than online", -1),
    ), dev2=(
        ("{who} reckons {fruit} cost double what they did last year", -1),
        ("{who} said our {fruit} are a rip off compared to the discounters", -1),
        ("{who} complained the price of {fruit} keeps going up", -1),
        ("prices on {fruit} are silly now, {who} said", -1),
        ("{who} put the {fruit} back when she saw the price", -1),
        ("{who} said the fruit and veg here is too pricey for her now", -1),
        ("{who} noticed {fruit} went up by 50p", -1),
    )),
    "refill": Planted("steady", (110, 110), dev=(
        ("{who} asked if we will bring back the refill station for washing up liquid", 0),
        ("{who} wants to bring her own jars for the refill station", 0),
        ("refill station for cereal and pasta was popular, people asking where it went", -1),
        ("someone asked whether the refill station takes glass containers", 0),
        ("refill station pasta dispenser jammed", -1),
    ), dev2=(
        ("{who} asked about the refill station, wants to fill her own bottles", 0),
        ("refill station has been empty for a week, {who} asked when it's back", -1),
        ("{who} likes the refill station but the rice dispenser is broken", -1),
        ("can we add more things to the refill station, {who} asked", 0),
        ("{who} brought containers for the refill station but it was taped off", -1),
        ("refill station lentils ran out {when}", -1),
    )),
    "bus_route": Planted("steady", (110, 110), dev=(
        ("bus route 42 no longer stops outside so older customers struggle to get here", -1),
        ("{who} said since the bus route changed she can only come once a week", -1),
        ("the new bus timetable means the last bus leaves before we close", -1),
        ("regulars from the estate miss the old bus stop by the entrance", -1),
        ("{who} asked if we could ask the council to move the bus stop back", 0),
    ), dev2=(
        ("{who} said the number 42 bus doesn't come this way anymore", -1),
        ("since the bus stop moved {who} has to walk twenty minutes with her shopping", -1),
        ("{who} complained there's no bus back after 6", -1),
        ("bus cuts mean {who} can't get here on sundays", -1),
        ("{who} asked if we know why the bus route changed", 0),
        ("older customers struggling since the bus stopped running past the store", -1),
    )),
}

# Written after the engine was tuned on ``dev`` and ``dev2``, in other staff voices (terse shift-log lines,
# longer stories), and not used to tune anything afterwards: the benchmark's headline figures.
HELDOUT: dict[str, tuple[Phrasing, ...]] = {
    "queues": (
        ("big wait at the registers {when}, {who} said she'd come back later", -1),
        ("{who} timed it - {mins} mins from joining the back to paying", -1),
        ("only 1 checkout staffed {when} and the line was out the door", -1),
        ("{who} said why is there never anyone on the tills when it's heaving", -1),
        ("people tutting in the queue, {who} said it's like this every friday", -1),
        ("{who} left her trolley in the aisle cos the queue wasn't moving", -1),
        ("{who} asked for a manager because she had been waiting so long to pay", -1),
    ),
    "self_checkout": (
        ("{who} said the self checkouts need a member of staff every two minutes", -1),
        ("{who} had to call someone over three times at the self-serve tills", -1),
        ("the auto tills kept locking up {when}", -1),
        ("{who} refuses to use the self checkouts after one charged her twice", -1),
        ("weighing scale on the self checkout is off, {who} couldn't finish her shop", -1),
        ("{who} asked why the self scan keeps needing age approval for paracetamol", -1),
    ),
    "oat_milk": (
        ("{who} came in just for oat milk and there was none", -1),
        ("oat milk gap on the dairy aisle again {when}", -1),
        ("{who} said she has to go to three shops to find oat milk", -1),
        ("{who} asked us to order more oat milk, we keep selling out", -1),
        ("oat milk - none on shelf, none in the back", -1),
    ),
    "app": (
        ("{who} said the app wouldn't accept her voucher code at checkout", -1),
        ("{who} says the website shows the wrong opening times", -1),
        ("app says items are in stock that aren't on the shelf, {who} annoyed", -1),
        ("{who} tried to order online for collection but the site kept erroring", -1),
        ("new app version is slow and logs you out, {who} said", -1),
        ("{who} couldn't reset her password on the app", -1),
    ),
    "parking": (
        ("{who} drove round the car park three times and went home", -1),
        ("{who} said the parking bays are too narrow for her car", -1),
        ("someone parked across two spaces again and {who} was cross", -1),
        ("no spaces {when}, {who} had to use the multi storey in town", -1),
        ("{who} asked why the car park is full of commuters", -1),
    ),
    "praise": (
        ("{who} said {staff} made her day", 1),
        ("{who} came back just to say thanks to {staff} for sorting her order", 1),
        ("big thanks from {who} to the {dept} team", 1),
        ("{who} said she always comes here because the staff are so kind", 1),
        ("{who} asked for the manager to say how good {staff} was", 1),
        ("{who} was made up with how {staff} looked after her", 1),
    ),
    "fruit_prices": (
        ("{fruit} at that price? {who} laughed and left them", -1),
        ("{who} said she can't justify paying this much for {fruit}", -1),
        ("{who} compared our {fruit} with the market and we're way dearer", -1),
        ("{who} thinks the {fruit} price hike is too much", -1),
        ("{who} said fruit has become a luxury here", -1),
    ),
    "refill": (
        ("{who} asked if the refill station will get shampoo", 0),
        ("refill station scoop missing {when}", -1),
        ("{who} said the refill station is the reason she shops here", 1),
        ("lid on the refill station oats dispenser cracked", -1),
        ("{who} wanted to know if the refill station prices are cheaper than packets", 0),
    ),
    "bus_route": (
        ("{who} said she now needs two buses to get to us", -1),
        ("the 42 bus was cancelled again so {who} came by taxi", -1),
        ("{who} misses the bus that used to stop by the car park", -1),
        ("{who} said the bus company changed the route without telling anyone", -1),
        ("since the bus changes {who} only manages to shop once a fortnight", -1),
    ),
}
for _name, _phrasings in HELDOUT.items():
    THEMES[_name] = Planted(THEMES[_name].trend, THEMES[_name].volumes, THEMES[_name].dev, THEMES[_name].dev2,
                            _phrasings)

PHRASINGS = ("dev", "dev2", "heldout", "all")

# For the benchmark: (count in week 1, count in week 2) per planted theme, at scale 1.
VOLUMES = {name: theme.volumes for name, theme in THEMES.items()}

NOISE: list[Phrasing] = [
    ("{who} chatted about the {team} match at the weekend", 0), ("asked what time the sun sets today", 0),
    ("man told me about his holiday to {place}", 0), ("lady showed me photos of her new puppy", 1),
    ("{who} asked for directions to the post office", 0), ("someone asked if we sell stamps", 0),
    ("{who} mentioned her grandson starts school next week", 0), ("{who} asked what the weather will do", 0),
    ("chat about the roadworks on the high street", 0), ("{who} wanted to know if we sell phone top ups", 0),
    ("he was buying a birthday cake for his wife", 0), ("kid asked if we had any stickers", 0),
    ("{who} said the christmas lights in town look nice", 1), ("asked whether we print photos", 0),
    ("{who} asked about the lottery jackpot", 0), ("talked about the new cinema opening", 0),
    ("woman asked if we were hiring for the summer", 0), ("{who} bought flowers for a funeral", 0),
    ("man asked where the nearest cash point is", 0), ("{who} wondered if the market is on this sunday", 0),
    ("talked about the heatwave forecast", 0), ("asked whether the clocks go back this weekend", 0),
    ("chatted about the village fete", 0), ("{who} needed a receipt for his expenses", 0),
    ("someone left an umbrella by the door", 0), ("asked if we stock {odd} this time of year", 0),
    ("{who} joked about the football results", 0), ("{who} told me about her allotment tomatoes", 0),
    ("a man asked for a box to move house", 0), ("{who} was planning a surprise party for her sister", 0),
    ("{who} talked about her daughter's wedding plans", 1), ("asked if the library in town is open late", 0),
    ("{who} said her cat had kittens", 1), ("we talked about the quiz night at the pub", 0),
    ("{who} asked which way to the train station", 0), ("{who} was off to see the panto", 1),
    ("kids were dressed up for world book day", 1), ("{who} asked if we knew a good plumber", 0),
    ("{who} told me about the bake off final", 0), ("{who} was buying bits for a picnic", 0),
    ("{who} said the leisure centre pool is closed for repairs", 0), ("chat about half term plans", 0),
    ("{who} asked if we sell batteries for hearing aids", 0), ("{who} was doing the shopping for a neighbour", 1),
    ("talked about the marathon on sunday", 0), ("{who} asked if we do gift cards", 0),
]
TEAMS = ["city", "united", "rovers", "england", "rugby"]
PLACES = ["Spain", "Cornwall", "Scotland", "Portugal", "Wales"]
ODD = ["sparklers", "pumpkins", "advent calendars", "sun cream", "hot cross buns"]

# (template, sentiment, planted theme or None, categories): sensitive notes are never quoted; some are on a
# planted theme, where a careless quote picker would reach for them.
SENSITIVE: list[tuple[str, int, str | None, tuple[str, ...]]] = [
    ("{who} said she is behind on rent and can't afford the weekly shop", -1, None, ("financial",)),
    ("{who} told me he was just diagnosed with diabetes and needs sugar free options", 0, None, ("health",)),
    ("lady mentioned her partner hits her and she is scared to go home", -1, None, ("domestic",)),
    ("{who} said he is in recovery from alcohol and avoids the wine aisle", 0, None, ("addiction",)),
    ("man is on universal credit and struggling with debt, asked about the food bank", -1, None, ("financial",)),
    ("she is pregnant and felt faint waiting in the queue for {mins} mins", -1, "queues", ("health",)),
    ("{who} with dementia got confused at the self checkout and was upset", -1, "self_checkout", ("health",)),
    ("he can't afford {fruit} since losing his job, the prices went up and money is tight", -1, "fruit_prices",
     ("financial",)),
    ("{who} on chemo said the staff were so kind and helpful to her", 1, "praise", ("health",)),
]

_ABBREVIATIONS = {"customer": "cust", "minutes": "mins", "because": "cos", "with": "w/", "about": "abt",
                  "people": "ppl", "something": "smth", "said": "sed"}


@dataclass
class CorpusNote:
    id: int
    text: str
    created_at: datetime
    author: str
    theme: str | None  # the planted theme, None for noise and sensitive chatter
    sentiment_label: int
    sensitive: tuple[str, ...] = ()
    kind: str = "other"
    sentiment: float | None = None
    causes: tuple[str, ...] = field(default_factory=tuple)


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 5 or not word.isalpha():
        return word
    i = rng.randrange(1, len(word) - 1)
    op = rng.choice(("drop", "swap", "double", "near"))
    if op == "drop":
        return word[:i] + word[i + 1:]
    if op == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if op == "near":  # a neighbouring key
        near = {"a": "s", "e": "r", "i": "o", "o": "p", "u": "y", "s": "a", "t": "r", "n": "m", "l": "k", "r": "t"}
        return word[:i] + near.get(word[i], word[i]) + word[i + 1:]
    return word[:i] + word[i] + word[i:]


def _fill(template: str, rng: random.Random) -> str:
    text = template.format(mins=rng.choice(MINS), fruit=rng.choice(FRUIT), team=rng.choice(TEAMS),
                           place=rng.choice(PLACES), odd=rng.choice(ODD), product=rng.choice(PRODUCTS),
                           who=rng.choice(WHO), when=rng.choice(WHEN), staff=rng.choice(STAFF), dept=rng.choice(DEPT))
    return re.sub(r"\s+([,.])", r"\1", " ".join(text.split()))


def _vary(text: str, rng: random.Random, typo_rate: float) -> str:
    words = []
    for word in text.split():
        if word in _ABBREVIATIONS and rng.random() < 0.15:
            word = _ABBREVIATIONS[word]
        elif rng.random() < typo_rate:
            word = _typo(word, rng)
        words.append(word)
    text = " ".join(words)
    if rng.random() < 0.3:
        text = text[0].upper() + text[1:]
    if rng.random() < 0.2:
        text = rng.choice(("fyi ", "note: ", "again - ", "today ", "btw ")) + text
    if rng.random() < 0.15:
        text += rng.choice((".", "!", " :(", " - worth looking at", " (2nd time this week)"))
    return text


def make_weeks(scale: float = 1.0, *, seed: int = 7, staff: int = 40, typo_rate: float = 0.06,
               noise_share: float = 0.35, sensitive_share: float = 0.03, phrasing: str = "dev",
               week2_start: datetime = datetime(2026, 11, 16, tzinfo=timezone.utc),
               ) -> tuple[list[CorpusNote], list[CorpusNote]]:
    """(week 1, week 2) notes; at scale 1, 1,500 a week. Week 2 is the period the digest is about.

    ``phrasing`` is ``"dev"``, ``"dev2"``, ``"heldout"`` or ``"all"``: which phrasings the planted notes use."""
    if phrasing not in PHRASINGS:
        raise ValueError(f"phrasing is one of {', '.join(PHRASINGS)}")
    rng = random.Random(seed)
    weeks: list[list[CorpusNote]] = [[], []]
    next_id = 1
    for index in (0, 1):
        start = week2_start - timedelta(days=7 * (1 - index))
        themed = sum(round(t.volumes[index] * scale) for t in THEMES.values())
        total = round(themed / (1 - noise_share - sensitive_share))
        rows: list[tuple[str | None, str, int, tuple[str, ...]]] = []
        for name, theme in THEMES.items():
            pool = {"dev": theme.dev, "dev2": theme.dev2, "heldout": theme.heldout,
                    "all": theme.dev + theme.dev2 + theme.heldout}[phrasing]
            for _ in range(round(theme.volumes[index] * scale)):
                template, label = rng.choice(pool)
                rows.append((name, _fill(template, rng), label, ()))
        for _ in range(round(total * noise_share)):
            template, label = rng.choice(NOISE)
            rows.append((None, _fill(template, rng), label, ()))
        for _ in range(total - len(rows)):
            template, label, on_theme, categories = rng.choice(SENSITIVE)
            # A theme that is absent this week gets no sensitive notes either.
            planted = on_theme if on_theme and THEMES[on_theme].volumes[index] else None
            rows.append((planted, _fill(template, rng), label, categories))
        rng.shuffle(rows)
        for planted_theme, text, label, flagged in rows:
            created = start + timedelta(seconds=rng.randrange(7 * 24 * 3600))
            weeks[index].append(CorpusNote(
                id=next_id, text=_vary(text, rng, typo_rate), created_at=created,
                author=f"U{rng.randrange(staff):04d}", theme=planted_theme, sentiment_label=label, sensitive=flagged))
            next_id += 1
    return weeks[0], weeks[1]


# Hand-labelled notes for the mood figure, written apart from the templates above and from the cue lists in
# digests.sentiment (no template is shared): -1 a complaint or a bad experience, 0 neutral, 1 praise.
SENTIMENT_LABELLED: list[tuple[str, int]] = [
    # complaints VADER tends to read as neutral: waits, things missing, things not working, money
    ("stood at the deli for 10 minutes before anyone came", -1),
    ("customer said the bread was gone by 11 again", -1),
    ("card reader on till 4 is down so we were cash only for an hour", -1),
    ("she had to ask three people before someone could tell her where the flour is", -1),
    ("the lift to the car park is out of order again", -1),
    ("no baby changing in the toilets, mum had to use the floor", -1),
    ("chap said he was charged for two meal deals but only had one", -1),
    ("customer waited half an hour for a prescription", -1),
    ("delivery came 3 hours late and half the items were subbed", -1),
    ("gent said the loyalty points from last month never showed up", -1),
    ("the coffee machine ate her money", -1),
    ("lady couldn't reach the top shelf and no one was around", -1),
    ("customer's eggs were cracked when she got home", -1),
    ("freezer aisle was blocked by cages all morning", -1),
    ("man said the price on the shelf didn't match the till", -1),
    ("customer returned the kettle, it stopped working after a week", -1),
    ("parking machine only takes coins, customer had none", -1),
    ("she said the toilets haven't been cleaned all day", -1),
    ("the website said in stock but we had none", -1),
    ("two people walked off when they saw the length of the queue", -1),
    ("customer had to come back twice for the same click and collect order", -1),
    ("regular said the milk was past its date", -1),
    ("customer was told off by security for no reason", -1),
    ("the automatic doors kept shutting on people", -1),
    ("older lady said the print on the labels is too small to read", -1),
    ("he's been waiting since tuesday for a call back about his refund", -1),
    ("customer annoyed the offer ended a day early", -1),
    ("chilled section was warm, customer worried about the chicken", -1),
    # neutral: questions, small talk, plain facts
    ("customer asked if we sell gift wrap", 0),
    ("asked what time the pharmacy opens tomorrow", 0),
    ("man wanted to know where the nearest bank is", 0),
    ("lady asked if we take cheques", 0),
    ("customer asked whether the bakery does custom cakes", 0),
    ("regular said he is moving to the coast next month", 0),
    ("we talked about the rugby on saturday", 0),
    ("customer asked if we have a toilet", 0),
    ("someone asked us to hold a parcel for a neighbour", 0),
    ("customer wanted to know the ingredients in the sausage rolls", 0),
    ("asked if the store is open on boxing day", 0),
    ("man bought ten bags of ice for a party", 0),
    ("customer paid in coins from a jar", 0),
    ("student asked about part time jobs", 0),
    # praise and good experiences
    ("customer said the new layout makes it so much easier to find things", 1),
    ("lady thanked Jo for walking her to the car with her bags", 1),
    ("regular said the bakery smells amazing today", 1),
    ("man said this is the cleanest shop in town", 1),
    ("customer was chuffed we found the last box of her favourite tea", 1),
    ("mum said the kids loved the free fruit for children", 1),
    ("customer said the delivery driver was really careful with her shopping", 1),
    ("gent said the new self checkouts are quicker than before", 1),
    ("she was pleased we price matched the other shop", 1),
    ("customer said the staff on nights are always cheerful", 1),
    ("couple said they drive past two other shops to come here", 1),
    ("regular said the fish counter is the best around", 1),
    ("customer happy the refund went through straight away", 1),
    ("lady said it was nice to have a chat, she lives alone", 1),
]

# Written after the cues were last changed and never used to change them: the mood figure's held-out check.
SENTIMENT_HELDOUT: list[tuple[str, int]] = [
    ("customer said the pharmacy counter was shut when the sign said open", -1),
    ("gent couldn't get a trolley, all chained up", -1),
    ("lady's shopping bag split at the door", -1),
    ("no one answered the bell at the butchers counter", -1),
    ("two tills closed at 5pm just as it got busy", -1),
    ("customer said the receipt printer on till 2 isn't printing", -1),
    ("kid slipped on a spill near the fridges", -1),
    ("man said we sold him a bottle with a broken seal", -1),
    ("regular fed up that the cafe stops serving at 2", -1),
    ("customer's voucher was rejected at the till twice", -1),
    ("she was sent to three different aisles looking for lentils", -1),
    ("the heating was off and people were shopping in coats", -1),
    ("cust said our own brand coffee has gone up 40p", -1),
    ("customer asked if we sell birthday candles", 0),
    ("man asked what time the last bus leaves", 0),
    ("regular told me about her trip to the lakes", 0),
    ("customer asked for a bag for her flowers", 0),
    ("lady asked if we do home delivery to the next village", 0),
    ("customer bought a cake for the office", 0),
    ("someone asked where the recycling bins are", 0),
    ("customer asked for change for the car park", 0),
    ("customer said thanks for holding the door, made her day", 1),
    ("man said the new bakery range is lovely", 1),
    ("regular said we are always so well stocked", 1),
    ("customer praised Ali for spotting her dropped purse", 1),
    ("lady said our florist did a beautiful job on the wreath", 1),
    ("customer said the queue moved really quickly today", 1),
    ("couple said the store looks great after the refit", 1),
    ("regular happy we brought back the cheese counter", 1),
    ("customer said our deli staff know their stuff", 1),
]
