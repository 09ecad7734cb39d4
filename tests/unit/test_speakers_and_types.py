"""Error classes of speakers and claim types found on news, with sentences of our own and
the seed's (the seed's speakers and types the issue names)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claims.extract import Extractor
from claims.model import Claim, Document
from claims.reading import content_hash, read_file
from claims.speakers import SpeakerContext, is_person
from tests.helpers import SEED_FILE, find


def article(nlp: Language, *paragraphs: str) -> list[Claim]:
    text = "\n\n".join(paragraphs)
    document = Document(text, "/a.txt", "A", None, "none", content_hash(text))
    [(_, claims)] = list(Extractor(nlp=nlp).extract([document]))
    return claims


@pytest.fixture(scope="module")
def seed(nlp: Language) -> list[dict[str, object]]:
    [(_, claims)] = list(Extractor(nlp=nlp).extract([read_file(SEED_FILE)]))
    return [c.as_dict() for c in claims]


@pytest.mark.parametrize(
    ("contains", "speaker", "claim_type"),
    [
        ("Guaidó declared himself interim president", None, "quantity"),  # "more than 50"
        ("He said the “gringos” sanctioned him", "Julián Isaías Rodríguez", "attribution"),
        ("escaped house arrest", None, "event"),
        ("We repeat it: we are working in all options", "Juan Guaidó", "attribution"),
    ],
)
def test_the_seed_sentences_the_issue_names(
    seed: list[dict[str, object]], contains: str, speaker: str | None, claim_type: str
) -> None:
    claim = find(seed, contains)
    assert claim is not None
    assert (claim["speaker"], claim["type"]) == (speaker, claim_type)


def test_a_reporting_verb_without_reported_content_makes_no_speaker(nlp: Language) -> None:
    claims = article(
        nlp,
        "The ministry announced the closure of three schools on Monday.",
        "The cause of the fire was not announced.",
        "A leak was reported in the basement.",
        "The mayor declared a state of emergency.",
        "Senator Ruth Obi announced she was endorsing the governor.",
    )
    assert [c.speaker for c in claims] == [None, None, None, None, None]


def test_a_reporting_verb_with_content_or_an_agent_makes_a_speaker(nlp: Language) -> None:
    claims = article(
        nlp,
        "Harbour master Ingrid Solheim said the pier was closed.",
        "It was first reported the pier had cracked, but broadcaster NRK later reported "
        "the pier had been hit by a barge.",
        "The closure was confirmed by her deputy, Tor Bakke.",
    )
    assert [c.speaker for c in claims] == ["Ingrid Solheim", "NRK", "Tor Bakke"]


def test_a_clause_without_that_parsed_as_an_object_still_makes_a_speaker(
    nlp: Language,
) -> None:
    claims = article(
        nlp,
        "The Ohio Department of Natural Resources (ODNR) said several acres of forest burned "
        "before the rain came.",
        "Mayor Tom Reyes has long maintained a new bridge is what the town lacks.",
        "The coach said a few words and left the room.",
        "The union claimed a victory and thanked its members.",
        "The union claimed a victory, thanked its members and ended the strike.",
        "The city maintains the roads built by the state.",
        "He said a prayer chosen by his mother.",
    )
    speakers = [c.speaker for c in claims]
    named = ["The Ohio Department of Natural Resources", "Tom Reyes"]
    assert speakers == [*named, None, None, None, None, None]


def test_a_short_name_becomes_the_fullest_name_the_article_gives(nlp: Language) -> None:
    claims = article(
        nlp,
        "Police chief Marta Kowalska said 40 people were detained.",
        "Kowalska said most were released by morning.",
    )
    assert claims[1].speaker == "Marta Kowalska"


def test_he_said_is_the_person_last_named_as_speaking(nlp: Language) -> None:
    claims = article(
        nlp,
        "Engineer Paul Okafor said the dam was sound.",
        "Inspectors visited the site with the governor, Ada Eze.",
        "He said the cracks were cosmetic.",
    )
    assert claims[2].speaker == "Paul Okafor"


def test_a_possessive_subject_names_its_owner(nlp: Language) -> None:
    claims = article(
        nlp,
        "Former minister Rafael Ortiz died on Sunday.",
        "His family said he had been ill for months.",
    )
    assert claims[1].speaker == "Rafael Ortiz's family"


def test_according_to_names_the_source_without_the_rest_of_the_list(nlp: Language) -> None:
    [claim] = article(
        nlp,
        "Crews arrived from three towns according to a police statement, as well as two "
        "ambulances and a helicopter.",
    )
    assert claim.source == "police statement"  # named as the annotators name it


@pytest.mark.parametrize(
    ("sentence", "claim_type"),
    [
        ("Inspectors said the bridge was closed in 2018.", "attribution"),
        ("According to the survey, most farms draw water from wells.", "attribution"),
        ("The ferry was called to the harbour at noon on Monday.", "event"),
        ("The Clean Water Act, 1974 lists the river as protected.", "law_rule"),
        ("Public gatherings were allowed again in May.", "law_rule"),
        ("His lawyers said the court had charged him unfairly.", "attribution"),
        ("Okafor was the mayor of Enugu from 1999 until 2003.", "other"),
        ("Dana, the region's most famous climber, reached the summit in 2010.", "event"),
        # a first or a last of a kind is a comparison; an ordinal that dates is not
        ("In 2012 she became the first woman to lead the union.", "comparison"),
        ("Peru was the last country in the region to close its borders.", "comparison"),
        ("She won her first title in 2010.", "event"),
        ("The last train left the station at noon on Monday.", "event"),
        # an age describing someone beside the claim does not make it a quantity
        ("On Monday the mayor, 58, opened the new bridge.", "event"),
        ("The charity renamed its boat after Omar Said, a six-year-old boy, on Sunday.", "event"),
        ("The mayor, who is 58, resigned on Monday after 12 years in office.", "quantity"),
        # a cause inside what someone is reported to say: the claim is the attribution
        ("Union leaders said the mine flooded because pumps had failed.", "attribution"),
        ("The ferry sank because it was overloaded.", "causal"),
    ],
)
def test_types_follow_the_guidelines_order(nlp: Language, sentence: str, claim_type: str) -> None:
    [claim] = list(Extractor(nlp=nlp).score_lines([sentence]))
    assert claim.type == claim_type, claim.assessment.reasons


def test_an_accusation_names_its_accuser(nlp: Language) -> None:
    [claim] = article(nlp, "The state prosecutor accused the mayor of taking bribes.")
    assert claim.speaker == "state prosecutor"


def test_the_same_study_is_the_source_last_named(nlp: Language) -> None:
    claims = article(
        nlp,
        "A study in the Journal of Coastal Research noted 30 beaches had eroded.",
        "The same study also noted 12 lagoons had dried up.",
    )
    assert [c.speaker for c in claims] == ["the Journal of Coastal Research"] * 2


def test_a_generic_description_becomes_the_organisation_the_article_names(
    nlp: Language,
) -> None:
    claims = article(
        nlp,
        "The Royal National Lifeboat Institution sent two crews.",
        "The institution said the swimmer was found alive.",
    )
    assert claims[1].speaker == "Royal National Lifeboat Institution"


def test_a_platform_is_not_the_person_who_wrote(nlp: Language) -> None:
    claims = article(
        nlp,
        "Governor Amy Walsh said schools would close.",
        "In a statement on Twitter, she wrote that 40 schools had closed.",
    )
    assert claims[1].speaker == "Amy Walsh"


def test_an_organisations_website_keeps_its_owner(nlp: Language) -> None:
    [claim] = article(nlp, "The WHO's website said there is no evidence the remedy works.")
    assert claim.speaker == "WHO's website"


@pytest.mark.parametrize(
    ("sentence", "speaker", "source"),
    [
        (
            "The death toll passed 500 on Sunday, Johns Hopkins University (JHU) data indicated.",
            "Johns Hopkins University",
            None,
        ),
        ("The World Bank's latest estimate says growth slowed to 2%.", "World Bank", None),
        (
            "A survey published last year by the Pew Research Center found 40% of adults "
            "had no savings.",
            "Pew Research Center",
            None,
        ),
        (
            "Figures from the World Health Organization showed cases had doubled.",
            "World Health Organization",
            None,
        ),
        (
            "According to data collected by the National Oceanic and Atmospheric "
            "Administration, winds reached 75 mph.",
            None,
            "National Oceanic and Atmospheric Administration",
        ),
    ],
)
def test_a_document_speaks_for_whoever_made_it(
    nlp: Language, sentence: str, speaker: str | None, source: str | None
) -> None:
    [claim] = article(nlp, sentence)
    assert (claim.speaker, claim.source) == (speaker, source)


def test_finding_reports_a_claim_only_for_research_and_records(nlp: Language) -> None:
    claims = article(
        nlp,
        "Researchers at Imperial College London concluded the outbreak was larger than reported.",
        "The study found that frogs with spiky skulls evolved more often on islands.",
        "Police found the car in a river.",
        "The hikers found the trail had been closed.",
    )
    assert [c.speaker for c in claims] == [
        "Researchers at Imperial College London",
        "study",
        None,
        None,
    ]


def test_claiming_responsibility_or_to_have_done_something_is_a_claim(nlp: Language) -> None:
    claims = article(
        nlp,
        "The militant organisation, the Islamic State of Iraq and the Levant, claimed "
        "responsibility for all three attacks.",
        "Police arrested Mark Tully on Monday.",
        "He claimed to have bought the rifle with money from a friend.",
        "The storm claimed the lives of 20 people.",
        "The team claimed the title in 2019.",
    )
    speakers = [c.speaker for c in claims]
    assert speakers == ["Islamic State of Iraq and the Levant", None, "Mark Tully", None, None]


def test_a_name_the_model_reads_into_a_date_phrase_is_still_the_subject(nlp: Language) -> None:
    claims = article(
        nlp,
        "On Friday Ford Motor Company announced the Department of Justice was investigating.",
        "In May Apple said sales had fallen.",
    )
    assert [c.speaker for c in claims] == ["Ford Motor Company", "Apple"]


def test_words_inside_an_according_to_phrase_are_the_sources(nlp: Language) -> None:
    [claim] = article(
        nlp,
        "Shops were slow to act, according to a report from ABC Australia in which "
        "managers said they had no plans to ration stock.",
    )
    assert (claim.speaker, claim.source) == (None, "ABC Australia")  # the report's author


def test_reporting_a_figure_makes_a_speaker(nlp: Language) -> None:
    claims = article(
        nlp,
        "On Monday, provincial health officials reported 14 new infections at the mine.",
        "The regional coroner confirmed two deaths.",
    )
    assert [c.speaker for c in claims] == ["provincial health officials", "regional coroner"]


def test_informed_and_pointed_out_report_what_follows(nlp: Language) -> None:
    claims = article(
        nlp,
        "“We accept the ruling,” the union informed its members.",
        "Coach Lena Berg pointed out the squad had “never lost at home”.",
    )
    assert [c.speaker for c in claims] == ["union", "Lena Berg"]


def test_they_said_is_whoever_reported_last(nlp: Language) -> None:
    claims = article(
        nlp,
        "The Andean Rail Company said the line would reopen after repairs.",
        "They said the bridge had been inspected twice.",
    )
    assert claims[1].speaker == "The Andean Rail Company"


def test_a_relayed_report_is_given_to_its_inner_source(nlp: Language) -> None:
    [claim] = article(
        nlp,
        "A Reuters correspondent in Lima noted local radio stations said the dam had burst.",
    )
    assert claim.speaker == "local radio stations"


def test_a_relative_pronoun_speaks_for_the_noun_it_follows(nlp: Language) -> None:
    [claim] = article(nlp, "The water board, which said the reservoir was full, opened a sluice.")
    assert claim.speaker == "water board"


def test_according_to_inside_a_quotation_is_the_speakers_own_words(nlp: Language) -> None:
    [claim] = article(
        nlp,
        "Mayor Ivo Petrov said: “The tax was repealed according to the charter.”",
    )
    assert (claim.speaker, claim.source) == ("Ivo Petrov", None)


def test_a_bracketed_short_form_is_no_part_of_the_speakers_name(nlp: Language) -> None:
    [claim] = article(
        nlp,
        "The strike has ended, the Federation of Dock Workers (FDW) announced on Friday.",
    )
    assert claim.speaker == "the Federation of Dock Workers"


def test_a_described_person_in_apposition_is_the_speaker(nlp: Language) -> None:
    [claim] = article(
        nlp,
        "His sister, retired judge Amara Nwosu, said the family had not been told.",
    )
    assert claim.speaker == "Amara Nwosu"


def test_an_owned_relay_keeps_the_outer_speaker(nlp: Language) -> None:
    [claim] = article(
        nlp,
        "Engineer Sara Lind said her colleague had told her the pump was broken.",
    )
    assert claim.speaker == "Sara Lind"


def test_a_titled_or_affiliated_person_is_named_without_the_title(nlp: Language) -> None:
    claims = article(
        nlp,
        "Harbour director Ingrid Solheim said the pier was closed.",
        "The mayor of Bergen, Marit Warncke, wrote on Twitter: “The pier is closed.”",
        "According to county prosecutor Lars Holm on Friday, the driver was arrested.",
        "Ingrid Solheim's office said repairs would take weeks.",
    )
    said = [c.speaker or c.source for c in claims]
    assert said == ["Ingrid Solheim", "Marit Warncke", "Lars Holm", "Ingrid Solheim's office"]


def test_a_report_of_an_allegation_keeps_the_reporter(nlp: Language) -> None:
    [claim] = article(nlp, "Rudaw reports the airline's director, Omid Rezaei, has alleged ties.")
    assert claim.speaker == "Rudaw"


def test_a_reporting_verb_inside_a_running_quotation_keeps_the_quotations_speaker(
    nlp: Language,
) -> None:
    claims = article(
        nlp,
        "Mayor Ivo Petrov said: “The bridge is closed. The council says it must be rebuilt.”",
    )
    assert [c.speaker for c in claims] == ["Ivo Petrov", "Ivo Petrov"]


def test_a_second_verb_shares_its_subject_and_a_statement_issued_is_reported(
    nlp: Language,
) -> None:
    claims = article(
        nlp,
        "Minister Ana Reyes visited the port and said, “The cranes have been repaired.”",
        "The port authority issued a statement: “The cranes work again.”",
        "Councillor Tom Vik spoke to the press after the vote: “We lost by two votes.”",
        "The ministry released a statement from the minister: “The port is open.”",
    )
    # "the minister" is the one minister the article names
    assert [c.speaker for c in claims] == ["Ana Reyes", "port authority", "Tom Vik", "Ana Reyes"]


def test_a_surname_the_model_did_not_tag_is_a_person_an_organisation_is_not(
    nlp: Language,
) -> None:
    doc = nlp("Varga said the bid won after long talks.")
    doc.ents = []  # the small model misses many surnames
    assert is_person(doc[:], "Varga", SpeakerContext())
    tagged = nlp("Boeing said the plane was sound.")
    assert not is_person(tagged[:], "Boeing", SpeakerContext(organisations=["Boeing"]))


def test_according_to_a_title_gives_the_person_it_introduces(nlp: Language) -> None:
    claims = article(
        nlp,
        "According to Ohio Senator Mark Tully, the bridge is one of ten still standing.",
        "According to Lincoln County's chief medic, Paul Green, there were ten patients.",
        "According to police, John Smith was arrested on Friday.",
    )
    assert [c.source for c in claims] == ["Mark Tully", "Paul Green", "police"]


def test_according_to_a_document_gives_who_wrote_it(nlp: Language) -> None:
    claims = article(
        nlp,
        "The tower was built in 1950 according to Federal Highway Administration records.",
        "According to a 2001 report from the National Safety Council, the tower fell twice.",
        "According to a report citing the governor's office, twenty people were arrested.",
        "According to the filing, the firm disclosed the matter in May.",
    )
    assert [c.source for c in claims] == [
        "Federal Highway Administration",
        "National Safety Council",
        "governor's office",
        "the filing",  # nobody named: the document itself
    ]


def test_a_short_form_or_a_title_becomes_the_name_the_article_gave(nlp: Language) -> None:
    claims = article(
        nlp,
        "The Oregon Department of Coastal Safety (CoastSafe) closed the beach on Monday.",
        "CoastSafe said the water was contaminated.",
        "Trade Commissioner Ruth Ambani opened the talks in Accra.",
        "The commissioner said the talks would resume in March.",
        "Delmar Motor Company recalled 3,000 cars in June.",
        "Delmar said the brakes could fail.",
    )
    assert [c.speaker for c in claims[1::2]] == [
        "Oregon Department of Coastal Safety",
        "Ruth Ambani",
        "Delmar Motor Company",
    ]


def test_a_statement_saying_and_it_said_keep_their_source(nlp: Language) -> None:
    claims = article(
        nlp,
        "Team doctor Lena Voss issued a statement saying the striker has a torn ligament.",
        "The Harbour Trust said the pier would close.",
        "It said repairs would take a year.",
        "It was raining in the morning.",
    )
    assert [c.speaker for c in claims] == [
        "Lena Voss",
        "The Harbour Trust",
        "The Harbour Trust",
        None,
    ]


def test_a_description_the_article_gave_names_the_speaker(nlp: Language) -> None:
    claims = article(
        nlp,
        "The Harbour Herald, an industry publication, reported the ship sank.",
        "The industry publication said the ship was old.",
    )
    assert [c.speaker for c in claims] == ["The Harbour Herald", "Harbour Herald"]


def test_an_announced_event_and_a_described_speaker_are_no_speech(nlp: Language) -> None:
    claims = article(
        nlp,
        "The death of the poet was announced on Friday by the University of Leeds.",
        'Anna Berg spoke, who led the campaign of Ivan Petrov, who was arrested for "terrorism".',
        "Councillor Tom Vik spoke to the press after the vote: “We lost by two votes.”",
    )
    assert [c.speaker for c in claims] == [None, None, "Tom Vik"]


def test_police_or_a_department_is_the_one_the_article_named_in_full(nlp: Language) -> None:
    claims = article(
        nlp,
        "Officers from Greater Manchester Police arrested two men near the stadium on Friday.",
        "Police said on Saturday the men had been charged with affray.",
        "The Oregon Department of Transportation closed the pass after 30 crashes.",
        "The Department said the road would reopen on Monday.",
    )
    speakers = [c.speaker for c in claims if c.speaker]
    assert speakers == ["Greater Manchester Police", "Oregon Department of Transportation"]


def test_a_short_form_with_an_ampersand_names_the_organisation_in_full(nlp: Language) -> None:
    claims = article(
        nlp,
        "Power was cut to 800,000 customers by Pacific Gas and Electric Company (PG&E) on Monday.",
        "PG&E said the outages could last five days.",
    )
    assert [c.speaker for c in claims] == [None, "Pacific Gas and Electric Company"]


def test_a_quoted_document_that_reads_speaks_for_its_maker(nlp: Language) -> None:
    claims = article(
        nlp,
        'Mayor Anne Hidalgo\'s statement read: "The bridge will reopen within a year."',
        '"The strike will go ahead on Monday," reads the Teamsters Union\'s letter.',
        "The Teamsters Union's letter said 4,000 drivers would walk out.",
        "She read the letter aloud to the court on Tuesday.",
    )
    speakers = [c.speaker for c in claims]
    assert speakers == ["Anne Hidalgo", "Teamsters Union", "Teamsters Union", None]


def test_a_document_owned_by_a_name_or_a_pronoun_speaks_for_them(nlp: Language) -> None:
    claims = article(
        nlp,
        "Senator Ruth Obi said on Monday she would step down in June.",
        'Her statement read: "I will resign on June 30."',
        "Her family said she had been unwell since 2019.",
        'Brightwave\'s official statement read: "The tour is cancelled."',
    )
    speakers = [c.speaker for c in claims]
    assert speakers == ["Ruth Obi", "Ruth Obi", "Ruth Obi's family", "Brightwave"]


def test_a_figure_put_at_or_a_quotation_at_the_verb_has_a_speaker(nlp: Language) -> None:
    claims = article(
        nlp,
        'Ana Ruiz responded to the ruling on Twitter: "We will appeal within a week."',
        '"Three bridges are closed," Ana Ruiz continued in the statement.',
        "The Red Cross put the death toll at 40 on Sunday.",
        "The Census Bureau estimated the population of the county at 120,000 in 2019.",
        "Police put the suspect at the scene of the crime on Friday.",
        "Rescuers responded to the fire at 3 a.m. on Friday.",
        "The company continued to grow in 2019, adding 300 jobs.",
    )
    speakers = [c.speaker for c in claims]
    assert speakers == [
        "Ana Ruiz",
        "Ana Ruiz",
        "The Red Cross",
        "The Census Bureau",
        None,
        None,
        None,
    ]


def test_ascribing_a_cause_or_an_identity_is_the_subjects_claim(nlp: Language) -> None:
    claims = article(
        nlp,
        "The fire chief attributed the blaze to faulty wiring in the basement.",
        "Police identified the driver as a 34-year-old man from Leeds.",
        "The ministry described the outbreak as the worst in a decade.",
        "The agency did not identify the man as the victim.",
        "The council, which describes itself as nonpartisan, approved 12 new parks.",
        "The comet was first identified in 2015 by the Kepler space telescope.",
        "The mayor described the plan to reporters on Monday.",
    )
    speakers = [c.speaker for c in claims]
    assert speakers == [
        "fire chief",
        "Police",
        "ministry",
        None,
        None,
        None,
        None,
    ]
