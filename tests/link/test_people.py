from onrecord.link.names import PersonName, acronym
from onrecord.link.people import IdentityRule, KnownPerson, link_people, role_words
from onrecord.records import Article, Entity, Span


def _article(*entities: Entity) -> Article:
    return Article(text="x " * 50, analysed=True, entities=entities)


def _entity(eid: str, name: str, kind: str = "PERSON", aliases=(), roles=()) -> Entity:
    return Entity(eid, name, kind, (Span(0, 1, "x"),), tuple(aliases), tuple(roles))


def _lookup(*people: KnownPerson):
    """Look-up by key, surname (people) or acronym (organisations), as the store indexes."""

    def index(person: KnownPerson) -> set[str]:
        if person.type == "PERSON":
            return set(person.keys) | {PersonName.parse(k).surname for k in person.keys}
        return set(person.keys) | {acronym(k) for k in person.keys}

    def lookup(keys):
        return [p for p in people if index(p) & set(keys)]

    return lookup


LUKASHENKO = KnownPerson(
    "p1",
    "Alexander Lukashenko",
    "PERSON",
    frozenset({"alexander lukashenko", "lukashenko"}),
    roles=frozenset({"belarusian", "president"}),
    articles=5,
)


def test_same_full_name_links_with_a_reason():
    (link,) = link_people(_article(_entity("e1", "Alexander Lukashenko")), _lookup(LUKASHENKO))
    assert (link.person_id, link.is_new) == ("p1", False)
    assert "same full name" in link.reasons[0]


def test_a_bare_surname_needs_some_evidence_besides_the_surname():
    (alone,) = link_people(_article(_entity("e1", "Lukashenko")), _lookup(LUKASHENKO))
    assert alone.is_new
    (titled,) = link_people(
        _article(_entity("e1", "Lukashenko", roles=["Belarusian President"])), _lookup(LUKASHENKO)
    )
    assert titled.person_id == "p1" and "shared role words" in titled.reasons[1]


def test_glued_words_before_a_name_do_not_split_a_person():
    sanders = KnownPerson("p5", "Bernie Sanders", "PERSON", frozenset({"bernie sanders"}))
    (link,) = link_people(_article(_entity("e1", "Vermont Bernie Sanders")), _lookup(sanders))
    assert link.person_id == "p5"


def test_a_person_typed_org_joins_the_person_with_that_name():
    article = _article(_entity("e1", "Alexander Lukashenko"), _entity("e2", "Lukashenko", "ORG"))
    links = link_people(article, _lookup(LUKASHENKO))
    assert [link.person_id for link in links] == ["p1", "p1"]
    assert "typed ORG here" in links[1].reasons[0]


def test_different_given_names_stay_apart():
    john = KnownPerson("p2", "John Smith", "PERSON", frozenset({"john smith", "smith"}))
    (link,) = link_people(_article(_entity("e1", "Jane Smith")), _lookup(john))
    assert link.is_new and link.person_id != "p2"


def test_a_bare_surname_shared_by_two_people_leans_on_roles_or_stays_apart():
    john = KnownPerson(
        "p2", "John Smith", "PERSON", frozenset({"john smith"}), roles=frozenset({"senator"})
    )
    jane = KnownPerson(
        "p3", "Jane Smith", "PERSON", frozenset({"jane smith"}), roles=frozenset({"governor"})
    )
    plain = link_people(_article(_entity("e1", "Smith")), _lookup(john, jane))
    assert plain[0].is_new
    both = link_people(
        _article(_entity("e1", "Smith", roles=["Governor Senator"])), _lookup(john, jane)
    )
    assert both[0].is_new and "ambiguous" in both[0].reasons[0]
    governor = link_people(
        _article(_entity("e1", "Smith", roles=["Governor"])), _lookup(john, jane)
    )
    assert governor[0].person_id == "p3"


def test_a_bare_surname_leans_on_the_people_around_it():
    putin = KnownPerson("p9", "Vladimir Putin", "PERSON", frozenset({"vladimir putin"}))
    john = KnownPerson("p2", "John Smith", "PERSON", frozenset({"john smith"}))
    jane = KnownPerson(
        "p3", "Jane Smith", "PERSON", frozenset({"jane smith"}), neighbours=frozenset({"p9"})
    )
    links = link_people(
        _article(_entity("e1", "Vladimir Putin"), _entity("e2", "Smith")),
        _lookup(putin, john, jane),
    )
    assert [link.person_id for link in links] == ["p9", "p3"]
    assert "appears with 1 of the same people" in links[1].reasons


def test_user_rules_win():
    split = [IdentityRule("alexander lukashenko", "lukashenko", same=False)]
    (link,) = link_people(_article(_entity("e1", "Lukashenko")), _lookup(LUKASHENKO), split)
    assert link.is_new
    other = KnownPerson("p7", "Sasha L.", "PERSON", frozenset({"sasha l"}))
    merged = [IdentityRule("sasha l", "alexander lukashenko", same=True)]
    (link,) = link_people(_article(_entity("e1", "Alexander Lukashenko")), _lookup(other), merged)
    assert link.person_id == "p7" and link.reasons[0].startswith("user rule")


def test_a_generic_organisation_name_needs_shared_context():
    court = KnownPerson(
        "o2", "Supreme Court", "ORG", frozenset({"supreme court"}), neighbours=frozenset({"p9"})
    )
    (alone,) = link_people(_article(_entity("e1", "Supreme Court", "ORG")), _lookup(court))
    assert alone.is_new
    putin = KnownPerson("p9", "Vladimir Putin", "PERSON", frozenset({"vladimir putin"}))
    article = _article(_entity("e1", "Vladimir Putin"), _entity("e2", "Supreme Court", "ORG"))
    assert link_people(article, _lookup(court, putin))[1].person_id == "o2"


def test_organisations_match_by_name_or_acronym():
    kpa = KnownPerson("o1", "Kelmark Press Agency", "ORG", frozenset({"kelmark press agency"}))
    (link,) = link_people(_article(_entity("e1", "KPA", kind="ORG")), _lookup(kpa))
    assert link.person_id == "o1" and "acronym" in link.reasons[0]
    # the NER calling the same full name a person elsewhere does not split it
    (link,) = link_people(_article(_entity("e1", "Kelmark Press Agency")), _lookup(kpa))
    assert link.person_id == "o1" and "typed PERSON here, ORG there" in link.reasons[0]


def test_new_ids_are_stable_and_places_are_not_linked():
    article = _article(_entity("e1", "Nobody Known"), _entity("e2", "Orlavy", kind="GPE"))
    first, second = link_people(article, _lookup()), link_people(article, _lookup())
    assert first == second and len(first) == 1


def test_role_words():
    assert role_words(["Kremlin spokesman", "the former Prime Minister"]) == {
        "kremlin",
        "spokesman",
        "prime",
        "minister",
    }
