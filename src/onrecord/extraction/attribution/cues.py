"""Word lists of attribution: reporting verbs, denials, relays, anonymous sources, outlets.

Notes:
    The verb list follows the reporting verbs of Pareti's PARC and Krestel et al. (2008)
    "Minding the Source"; it seeds the rules, while the trained span tagger finds cues
    outside it (PolNeAR marks any attitude verb, "mocked", "figures", as a cue).
"""

from __future__ import annotations

SPEECH_VERBS = frozenset(
    """
    say tell add state claim assert insist maintain argue contend suggest note observe
    remark comment explain announce declare report reveal disclose confirm acknowledge
    admit concede warn caution threaten predict forecast promise pledge vow vouch assure
    deny dismiss reject refute rebuff dispute contradict disavow
    complain lament protest object criticise criticize accuse blame charge allege condemn
    praise hail welcome applaud thank congratulate
    ask question wonder demand urge appeal plead implore request propose recommend
    reply respond answer retort counter quip joke tweet write post blog
    recall recount describe characterise characterize estimate calculate indicate signal hint
    stress emphasise emphasize underline reiterate repeat
    believe think feel expect hope fear doubt suspect reckon
    speculate conclude call
    testify brief inform notify advise cite quote
    """.split()
)
"""Lemmas of verbs that introduce speech, writing or stated belief."""

DENIAL_VERBS = frozenset(
    "deny dismiss reject refute rebuff dispute disavow contradict repudiate debunk".split()
)
"""Cue lemmas whose content the speaker rejects."""

DENIED_EVENT_VERBS = frozenset(
    """
    discuss address raise agree consider plan decide sign happen occur exist negotiate
    mention set schedule fix approve arrange propose table
    """.split()
)
"""A negated content verb from this list makes the attribution a denial:
"the currency was not discussed, the spokesman said"."""

FALSEHOOD_WORDS = frozenset(
    "untrue false baseless groundless unfounded nonsense fabrication invention fake lie lies"
    " fiction speculation rumour rumor rumours rumors".split()
)
"""Content that calls something false ("reports were untrue") is a denial."""

RELAY_VERBS = frozenset({"quote", "cite"})
"""Verbs of relaying: "the agency quoted X as saying", "RBC cited sources as saying"."""

SOURCE_NOUNS = frozenset(
    """
    readout statement report reports transcript communique release briefing interview
    document memo letter post tweet website site newspaper paper daily weekly agency
    outlet channel broadcaster radio station network television tv magazine journal
    """.split()
)
"""Head nouns that make an "according to" phrase a relay, not a speaker."""

OUTLET_NOUNS = {
    "radio": "radio station",
    "station": "radio station",
    "agency": "news agency",
    "daily": "daily",
    "newspaper": "newspaper",
    "paper": "newspaper",
    "weekly": "weekly",
    "website": "website",
    "site": "website",
    "portal": "website",
    "channel": "television channel",
    "television": "television channel",
    "tv": "television channel",
    "broadcaster": "broadcaster",
    "magazine": "magazine",
    "journal": "magazine",
    "wire": "news agency",
}
"""Nouns that say an entity is an outlet, and the kind of outlet they name."""

AUDIENCE_NOUNS = frozenset(
    """
    reporters journalists correspondents press media lawmakers parliament audience
    crowd supporters students delegates conference forum summit
    """.split()
)
"""Objects of "told" that are an audience, not a content."""

ANONYMOUS_WORDS = frozenset(
    """
    unnamed anonymous unidentified sources source officials official insiders insider
    people person aides aide diplomats diplomat familiar analysts observers critics
    someone somebody spokesperson
    """.split()
)
"""Words of a source that names nobody: "two unnamed sources", "officials said"."""

PRONOUNS = frozenset("he she they him her them i we you it".split())
