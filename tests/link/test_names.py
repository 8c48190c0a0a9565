from onrecord.link.names import PersonName, acronym, name_key


def test_name_key_drops_titles_possessives_and_accents():
    assert name_key("President Alexander Lukashenko's") == "alexander lukashenko"
    assert name_key("Miloš Harveth") == "milos harveth"
    assert name_key("Mr. O'Brien") == "o'brien"
    # a title alone is a name of sorts and stays
    assert name_key("President") == "president"


def test_given_names_must_agree_when_both_are_known():
    john, jane = PersonName.parse("john smith"), PersonName.parse("jane smith")
    smith, initial = PersonName.parse("smith"), PersonName.parse("j smith")
    assert not john.agrees_with(jane)
    assert smith.agrees_with(john) and smith.agrees_with(jane)
    assert initial.agrees_with(john) and initial.agrees_with(jane)
    assert not john.agrees_with(PersonName.parse("john smithers"))
    assert PersonName.parse("martin luther king jr").surname == "king"


def test_acronym_of_several_words_only():
    assert acronym("kelmark press agency") == "kpa"
    assert acronym("bank of dravonia") == "bd"
    assert acronym("dravpress") == ""
