"""Every catalogue query, run over the built graph, returns exactly these rows.

The expected rows were checked by hand against the seed article (graph/sources/) and the
claim file; a change to the graph or a query that changes an answer must change them here.
"""

from __future__ import annotations

import pytest

import treatykg
from treatykg import catalogue

SEED = "https://w3id.org/treatykg/id/claim/seed-article-2024-06-13/"


def cell(term: object) -> str | None:
    return None if term is None else str(term).replace(SEED, "SEED/")


EXPECTED = {
    "actors": (
        ("actor", "kinds", "wikidata"),
        [
            ("Antony Blinken", "Person", None),
            ("Biden administration", "Organization, GovernmentOrganization", None),
            ("CNN", "Organization", "http://www.wikidata.org/entity/Q48340"),
            ("CNN's unnamed insiders", "anonymous source", None),
            ("Group of Seven", "Organization", "http://www.wikidata.org/entity/Q1764511"),
            ("Italy", "state", "http://www.wikidata.org/entity/Q38"),
            ("Joe Biden", "Person", "http://www.wikidata.org/entity/Q6279"),
            ("LIGA.net", "Organization", None),
            ("NATO", "Organization", "http://www.wikidata.org/entity/Q7184"),
            ("Russia", "state", "http://www.wikidata.org/entity/Q159"),
            ("Ukraine", "state", "http://www.wikidata.org/entity/Q212"),
            ("United States", "state", "http://www.wikidata.org/entity/Q30"),
            (
                "United States Congress",
                "Organization, GovernmentOrganization",
                "http://www.wikidata.org/entity/Q11268",
            ),
            ("anonymous sources of the seed article", "anonymous source", None),
            ("unattributed source of the seed article", "anonymous source", None),
            (
                "unidentified publisher of the seed article",
                "Organization, unidentified agent",
                None,
            ),
        ],
    ),
    "annex": (
        ("annexContent", "bearer", "modality", "partner", "what", "claim"),
        [
            (
                "outlines how the Biden administration plans to work with the US Congress on fulfilling security commitments, including long-term funding to support Ukraine's defence",
                "Biden administration",
                "plans",
                "United States Congress",
                "work with the US Congress on fulfilling security commitments, including long-term funding to support Ukraine's defence",
                "SEED/annex-on-congress-funding",
            ),
        ],
    ),
    "anonymous-only-claims": (
        ("claimLabel", "anonymousSources", "claim"),
        [
            (
                "The US promises consultations with Ukraine immediately after a new Russian attack",
                "unattributed source of the seed article",
                "SEED/consultations-after-attack",
            ),
            (
                "The US will be obliged for 10 years to continue providing military aid",
                "CNN's unnamed insiders",
                "SEED/military-aid",
            ),
            (
                "The US will be obliged for 10 years to continue training Ukraine's armed forces",
                "CNN's unnamed insiders",
                "SEED/training",
            ),
            (
                "The US will be obliged for 10 years to expand cooperation in producing weapons and military equipment",
                "CNN's unnamed insiders",
                "SEED/defence-industrial-cooperation",
            ),
            (
                "The US will be obliged for 10 years to strengthen the exchange of intelligence",
                "CNN's unnamed insiders",
                "SEED/intelligence-sharing",
            ),
            (
                "The agreement is not binding on any future president",
                "anonymous sources of the seed article",
                "SEED/not-binding-on-future-presidents",
            ),
            (
                "The agreement will be an executive agreement",
                "anonymous sources of the seed article",
                "SEED/executive-agreement",
            ),
        ],
    ),
    "blinken-areas": (
        ("area", "modality", "translatedBy", "claim"),
        [
            ("Euro-Atlantic integration", "will", None, "SEED/closer-to-nato"),
            ("air defence", "will", "LIGA.net", "SEED/air-defence"),
            ("aviation", "will", "LIGA.net", "SEED/aviation"),
            ("consultation", "provides for", None, "SEED/consultation-mechanism"),
            ("demining", "will", "LIGA.net", "SEED/demining"),
            ("drones", "will", "LIGA.net", "SEED/drones"),
            ("military assistance", "will", None, "SEED/military-assistance-areas"),
        ],
    ),
    "claim-attributions": (
        ("claimLabel", "chain", "sourceLabel", "claim"),
        [
            (
                "An annex will outline how the Biden administration plans to work with Congress, including on long-term funding",
                "unidentified publisher of the seed article (republishing outlet) → CNN (reporting outlet)",
                "News article of 2024-06-13 on the US–Ukraine security agreement (publisher unknown)",
                "SEED/annex-on-congress-funding",
            ),
            (
                "The US promises consultations with Ukraine immediately after a new Russian attack",
                "unidentified publisher of the seed article (republishing outlet) → unattributed source of the seed article (unattributed source)",
                "News article of 2024-06-13 on the US–Ukraine security agreement (publisher unknown)",
                "SEED/consultations-after-attack",
            ),
            (
                "The US will be obliged for 10 years to continue providing military aid",
                "unidentified publisher of the seed article (republishing outlet) → CNN (reporting outlet) → CNN's unnamed insiders (anonymous insider)",
                "News article of 2024-06-13 on the US–Ukraine security agreement (publisher unknown)",
                "SEED/military-aid",
            ),
            (
                "The US will be obliged for 10 years to continue training Ukraine's armed forces",
                "unidentified publisher of the seed article (republishing outlet) → CNN (reporting outlet) → CNN's unnamed insiders (anonymous insider)",
                "News article of 2024-06-13 on the US–Ukraine security agreement (publisher unknown)",
                "SEED/training",
            ),
            (
                "The US will be obliged for 10 years to expand cooperation in producing weapons and military equipment",
                "unidentified publisher of the seed article (republishing outlet) → CNN (reporting outlet) → CNN's unnamed insiders (anonymous insider)",
                "News article of 2024-06-13 on the US–Ukraine security agreement (publisher unknown)",
                "SEED/defence-industrial-cooperation",
            ),
            (
                "The US will be obliged for 10 years to strengthen the exchange of intelligence",
                "unidentified publisher of the seed article (republishing outlet) → CNN (reporting outlet) → CNN's unnamed insiders (anonymous insider)",
                "News article of 2024-06-13 on the US–Ukraine security agreement (publisher unknown)",
                "SEED/intelligence-sharing",
            ),
            (
                "The US will support Ukraine's defence and security in air defence",
                "unidentified publisher of the seed article (republishing outlet) → LIGA.net (translator) → Antony Blinken (named official)",
                "News article of 2024-06-13 on the US–Ukraine security agreement (publisher unknown)",
                "SEED/air-defence",
            ),
            (
                "The US will support Ukraine's defence and security in aviation",
                "unidentified publisher of the seed article (republishing outlet) → LIGA.net (translator) → Antony Blinken (named official)",
                "News article of 2024-06-13 on the US–Ukraine security agreement (publisher unknown)",
                "SEED/aviation",
            ),
            (
                "The US will support Ukraine's defence and security in demining",
                "unidentified publisher of the seed article (republishing outlet) → LIGA.net (translator) → Antony Blinken (named official)",
                "News article of 2024-06-13 on the US–Ukraine security agreement (publisher unknown)",
                "SEED/demining",
            ),
            (
                "The US will support Ukraine's defence and security in drones",
                "unidentified publisher of the seed article (republishing outlet) → LIGA.net (translator) → Antony Blinken (named official)",
                "News article of 2024-06-13 on the US–Ukraine security agreement (publisher unknown)",
                "SEED/drones",
            ),
            (
                "The agreement contains no mutual defence pledge like NATO's collective security",
                "unidentified publisher of the seed article (reporting outlet)",
                "News article of 2024-06-13 on the US–Ukraine security agreement (publisher unknown)",
                "SEED/no-mutual-defence",
            ),
            (
                "The agreement is not binding on any future president",
                "unidentified publisher of the seed article (republishing outlet) → anonymous sources of the seed article (anonymous insider)",
                "News article of 2024-06-13 on the US–Ukraine security agreement (publisher unknown)",
                "SEED/not-binding-on-future-presidents",
            ),
            (
                "The agreement prescribes a mechanism of consultations in the event of an attack",
                "unidentified publisher of the seed article (republishing outlet) → Antony Blinken (named official)",
                "News article of 2024-06-13 on the US–Ukraine security agreement (publisher unknown)",
                "SEED/consultation-mechanism",
            ),
            (
                "The agreement runs for ten years",
                "unidentified publisher of the seed article (republishing outlet) → CNN (reporting outlet) → CNN's unnamed insiders (anonymous insider)",
                "News article of 2024-06-13 on the US–Ukraine security agreement (publisher unknown)",
                "SEED/ten-year-term",
            ),
            (
                "The agreement runs for ten years",
                "unidentified publisher of the seed article (republishing outlet) → LIGA.net (translator) → Antony Blinken (named official)",
                "News article of 2024-06-13 on the US–Ukraine security agreement (publisher unknown)",
                "SEED/ten-year-term",
            ),
            (
                "The agreement sets no specific monetary obligations to support Ukraine's defence",
                "unidentified publisher of the seed article (reporting outlet)",
                "News article of 2024-06-13 on the US–Ukraine security agreement (publisher unknown)",
                "SEED/no-monetary-obligation",
            ),
            (
                "The agreement will be an executive agreement",
                "unidentified publisher of the seed article (republishing outlet) → anonymous sources of the seed article (anonymous insider)",
                "News article of 2024-06-13 on the US–Ukraine security agreement (publisher unknown)",
                "SEED/executive-agreement",
            ),
            (
                "The agreement will be signed on the sidelines of the G7 summit in Italy",
                "unidentified publisher of the seed article (reporting outlet)",
                "News article of 2024-06-13 on the US–Ukraine security agreement (publisher unknown)",
                "SEED/signing-venue",
            ),
            (
                "The agreement will help Ukraine move closer to NATO membership",
                "unidentified publisher of the seed article (republishing outlet) → Antony Blinken (named official)",
                "News article of 2024-06-13 on the US–Ukraine security agreement (publisher unknown)",
                "SEED/closer-to-nato",
            ),
            (
                "The agreement will not require ratification",
                "unidentified publisher of the seed article (republishing outlet) → CNN (reporting outlet)",
                "News article of 2024-06-13 on the US–Ukraine security agreement (publisher unknown)",
                "SEED/no-ratification",
            ),
            (
                "The agreement will not require ratification",
                "unidentified publisher of the seed article (republishing outlet) → anonymous sources of the seed article (anonymous insider)",
                "News article of 2024-06-13 on the US–Ukraine security agreement (publisher unknown)",
                "SEED/no-ratification",
            ),
            (
                "The agreement will provide military assistance to Ukraine in various areas",
                "unidentified publisher of the seed article (republishing outlet) → Antony Blinken (named official)",
                "News article of 2024-06-13 on the US–Ukraine security agreement (publisher unknown)",
                "SEED/military-assistance-areas",
            ),
            (
                "Ukraine and the United States will sign a bilateral security agreement on 13 June 2024",
                "unidentified publisher of the seed article (reporting outlet)",
                "News article of 2024-06-13 on the US–Ukraine security agreement (publisher unknown)",
                "SEED/signing-date",
            ),
        ],
    ),
    "claim-status": (
        ("claimLabel", "status", "by", "date", "claim"),
        [
            (
                "An annex will outline how the Biden administration plans to work with Congress, including on long-term funding",
                "reported",
                "unidentified publisher of the seed article",
                "2024-06-13",
                "SEED/annex-on-congress-funding",
            ),
            (
                "The US promises consultations with Ukraine immediately after a new Russian attack",
                "reported",
                "unidentified publisher of the seed article",
                "2024-06-13",
                "SEED/consultations-after-attack",
            ),
            (
                "The US will be obliged for 10 years to continue providing military aid",
                "reported",
                "unidentified publisher of the seed article",
                "2024-06-13",
                "SEED/military-aid",
            ),
            (
                "The US will be obliged for 10 years to continue training Ukraine's armed forces",
                "reported",
                "unidentified publisher of the seed article",
                "2024-06-13",
                "SEED/training",
            ),
            (
                "The US will be obliged for 10 years to expand cooperation in producing weapons and military equipment",
                "reported",
                "unidentified publisher of the seed article",
                "2024-06-13",
                "SEED/defence-industrial-cooperation",
            ),
            (
                "The US will be obliged for 10 years to strengthen the exchange of intelligence",
                "reported",
                "unidentified publisher of the seed article",
                "2024-06-13",
                "SEED/intelligence-sharing",
            ),
            (
                "The US will support Ukraine's defence and security in air defence",
                "reported",
                "unidentified publisher of the seed article",
                "2024-06-13",
                "SEED/air-defence",
            ),
            (
                "The US will support Ukraine's defence and security in aviation",
                "reported",
                "unidentified publisher of the seed article",
                "2024-06-13",
                "SEED/aviation",
            ),
            (
                "The US will support Ukraine's defence and security in demining",
                "reported",
                "unidentified publisher of the seed article",
                "2024-06-13",
                "SEED/demining",
            ),
            (
                "The US will support Ukraine's defence and security in drones",
                "reported",
                "unidentified publisher of the seed article",
                "2024-06-13",
                "SEED/drones",
            ),
            (
                "The agreement contains no mutual defence pledge like NATO's collective security",
                "reported",
                "unidentified publisher of the seed article",
                "2024-06-13",
                "SEED/no-mutual-defence",
            ),
            (
                "The agreement is not binding on any future president",
                "reported",
                "unidentified publisher of the seed article",
                "2024-06-13",
                "SEED/not-binding-on-future-presidents",
            ),
            (
                "The agreement prescribes a mechanism of consultations in the event of an attack",
                "reported",
                "unidentified publisher of the seed article",
                "2024-06-13",
                "SEED/consultation-mechanism",
            ),
            (
                "The agreement runs for ten years",
                "reported",
                "unidentified publisher of the seed article",
                "2024-06-13",
                "SEED/ten-year-term",
            ),
            (
                "The agreement sets no specific monetary obligations to support Ukraine's defence",
                "reported",
                "unidentified publisher of the seed article",
                "2024-06-13",
                "SEED/no-monetary-obligation",
            ),
            (
                "The agreement will be an executive agreement",
                "reported",
                "unidentified publisher of the seed article",
                "2024-06-13",
                "SEED/executive-agreement",
            ),
            (
                "The agreement will be signed on the sidelines of the G7 summit in Italy",
                "reported",
                "unidentified publisher of the seed article",
                "2024-06-13",
                "SEED/signing-venue",
            ),
            (
                "The agreement will help Ukraine move closer to NATO membership",
                "reported",
                "unidentified publisher of the seed article",
                "2024-06-13",
                "SEED/closer-to-nato",
            ),
            (
                "The agreement will not require ratification",
                "reported",
                "unidentified publisher of the seed article",
                "2024-06-13",
                "SEED/no-ratification",
            ),
            (
                "The agreement will provide military assistance to Ukraine in various areas",
                "reported",
                "unidentified publisher of the seed article",
                "2024-06-13",
                "SEED/military-assistance-areas",
            ),
            (
                "Ukraine and the United States will sign a bilateral security agreement on 13 June 2024",
                "reported",
                "unidentified publisher of the seed article",
                "2024-06-13",
                "SEED/signing-date",
            ),
        ],
    ),
    "claims-by-source": (
        ("source", "issued", "publisher", "claims"),
        [
            (
                "News article of 2024-06-13 on the US–Ukraine security agreement (publisher unknown)",
                "2024-06-13",
                "unidentified publisher of the seed article",
                "21",
            ),
        ],
    ),
    "commitments-by-area": (
        ("area", "commitments", "modalities"),
        [
            ("consultation", "2", "promises, provides for"),
            ("funding", "2", "explicitly excluded, plans"),
            ("military assistance", "2", "obliged, will"),
            ("Euro-Atlantic integration", "1", "will"),
            ("air defence", "1", "will"),
            ("aviation", "1", "will"),
            ("collective defence", "1", "explicitly excluded"),
            ("defence-industrial cooperation", "1", "obliged"),
            ("demining", "1", "will"),
            ("drones", "1", "will"),
            ("intelligence sharing", "1", "obliged"),
            ("training", "1", "obliged"),
        ],
    ),
    "commitments": (
        ("bearer", "beneficiary", "area", "modality", "duration", "claim"),
        [
            (
                "Biden administration",
                "Ukraine",
                "funding",
                "plans",
                None,
                "SEED/annex-on-congress-funding",
            ),
            (
                "Ukraine",
                "unknown",
                "consultation",
                "provides for",
                None,
                "SEED/consultation-mechanism",
            ),
            (
                "United States",
                "Ukraine",
                "Euro-Atlantic integration",
                "will",
                None,
                "SEED/closer-to-nato",
            ),
            ("United States", "Ukraine", "air defence", "will", None, "SEED/air-defence"),
            ("United States", "Ukraine", "aviation", "will", None, "SEED/aviation"),
            (
                "United States",
                "Ukraine",
                "consultation",
                "promises",
                None,
                "SEED/consultations-after-attack",
            ),
            (
                "United States",
                "unknown",
                "consultation",
                "provides for",
                None,
                "SEED/consultation-mechanism",
            ),
            (
                "United States",
                "Ukraine",
                "defence-industrial cooperation",
                "obliged",
                "P10Y",
                "SEED/defence-industrial-cooperation",
            ),
            ("United States", "Ukraine", "demining", "will", None, "SEED/demining"),
            ("United States", "Ukraine", "drones", "will", None, "SEED/drones"),
            (
                "United States",
                "Ukraine",
                "intelligence sharing",
                "obliged",
                "P10Y",
                "SEED/intelligence-sharing",
            ),
            (
                "United States",
                "Ukraine",
                "military assistance",
                "obliged",
                "P10Y",
                "SEED/military-aid",
            ),
            (
                "United States",
                "Ukraine",
                "military assistance",
                "will",
                None,
                "SEED/military-assistance-areas",
            ),
            ("United States", "Ukraine", "training", "obliged", "P10Y", "SEED/training"),
        ],
    ),
    "consultation-pledges": (
        ("bearers", "modality", "trigger", "deadline", "claim"),
        [
            (
                "United States, Ukraine",
                "provides for",
                "an attack",
                None,
                "SEED/consultation-mechanism",
            ),
            (
                "United States",
                "promises",
                "a possible new attack by Russia",
                "immediately after the attack",
                "SEED/consultations-after-attack",
            ),
        ],
    ),
    "corroborated-claims": (
        ("claimLabel", "firstVoice", "secondVoice", "claim"),
        [
            (
                "The agreement runs for ten years",
                "CNN's unnamed insiders",
                "Antony Blinken",
                "SEED/ten-year-term",
            ),
            (
                "The agreement will not require ratification",
                "CNN",
                "anonymous sources of the seed article",
                "SEED/no-ratification",
            ),
        ],
    ),
    "durations": (
        ("of", "duration", "claim"),
        [
            ("US–Ukraine Bilateral Security Agreement (2024)", "P10Y", "SEED/ten-year-term"),
            ("continue the training of the Ukrainian armed forces", "P10Y", "SEED/training"),
            ("continue to provide military aid", "P10Y", "SEED/military-aid"),
            (
                "expand cooperation in the production of weapons and military equipment",
                "P10Y",
                "SEED/defence-industrial-cooperation",
            ),
            ("strengthen the exchange of intelligence", "P10Y", "SEED/intelligence-sharing"),
        ],
    ),
    "exclusions": (
        ("area", "excluded", "comparedWith", "claim"),
        [
            (
                "collective defence",
                "mutual defence like NATO's collective security",
                "NATO",
                "SEED/no-mutual-defence",
            ),
            (
                "funding",
                "specific monetary obligations to support Ukraine's defence",
                None,
                "SEED/no-monetary-obligation",
            ),
        ],
    ),
    "legal-form": (
        ("agreement", "point", "value", "claim"),
        [
            (
                "US–Ukraine Bilateral Security Agreement (2024)",
                "binds future office-holders",
                "false",
                "SEED/not-binding-on-future-presidents",
            ),
            (
                "US–Ukraine Bilateral Security Agreement (2024)",
                "legal form",
                "executive agreement",
                "SEED/executive-agreement",
            ),
            (
                "US–Ukraine Bilateral Security Agreement (2024)",
                "requires ratification",
                "false",
                "SEED/no-ratification",
            ),
        ],
    ),
    "nato-comparisons": (
        ("area", "modality", "what", "voice", "claim"),
        [
            (
                "Euro-Atlantic integration",
                "will",
                "help Ukraine move closer to NATO membership",
                "Antony Blinken",
                "SEED/closer-to-nato",
            ),
            (
                "collective defence",
                "explicitly excluded",
                "mutual defence like NATO's collective security",
                "unidentified publisher of the seed article",
                "SEED/no-mutual-defence",
            ),
        ],
    ),
    "quotes": (
        ("claim", "exact", "start", "end"),
        [
            (
                "SEED/air-defence",
                "the United States will support Ukraine's defence and security in several critical areas—from aviation to air defence",
                "1736",
                "1852",
            ),
            (
                "SEED/annex-on-congress-funding",
                "an addendum to the agreement will outline how the Joe Biden administration plans to work with the US Congress on fulfilling security commitments, including long-term funding to support Ukraine's defense, CNN writes.",
                "997",
                "1212",
            ),
            (
                "SEED/aviation",
                "the United States will support Ukraine's defence and security in several critical areas—from aviation",
                "1736",
                "1837",
            ),
            ("SEED/closer-to-nato", "help it move closer to NATO membership", "1665", "1703"),
            (
                "SEED/consultation-mechanism",
                "the American diplomat hinted at the mechanism of consultations in the event of an attack prescribed in the agreement",
                "1930",
                "2046",
            ),
            (
                "SEED/consultations-after-attack",
                "official Washington promises to hold consultations with Ukraine immediately after a possible new attack by Russia to discuss a plan of action",
                "637",
                "778",
            ),
            (
                "SEED/defence-industrial-cooperation",
                "the United States will be obliged for 10 years",
                "347",
                "393",
            ),
            (
                "SEED/defence-industrial-cooperation",
                "expand cooperation in the production of weapons and military equipment",
                "453",
                "523",
            ),
            (
                "SEED/demining",
                "the United States will support Ukraine's defence and security in several critical areas—from aviation to air defence, drones to demining.",
                "1736",
                "1873",
            ),
            (
                "SEED/drones",
                "the United States will support Ukraine's defence and security in several critical areas—from aviation to air defence, drones",
                "1736",
                "1860",
            ),
            (
                "SEED/executive-agreement",
                "the security agreement between Kyiv and Washington will be a so-called executive agreement",
                "1252",
                "1342",
            ),
            (
                "SEED/intelligence-sharing",
                "the United States will be obliged for 10 years",
                "347",
                "393",
            ),
            ("SEED/intelligence-sharing", "strengthen the exchange of intelligence.", "561", "601"),
            ("SEED/military-aid", "the United States will be obliged for 10 years", "347", "393"),
            ("SEED/military-aid", "continue to provide military aid", "526", "558"),
            (
                "SEED/military-assistance-areas",
                "the future bilateral security agreement with Ukraine will provide military assistance in various areas",
                "1558",
                "1660",
            ),
            (
                "SEED/no-monetary-obligation",
                "the agreement does not indicate specific monetary obligations to support Ukraine's defense.",
                "886",
                "977",
            ),
            (
                "SEED/no-mutual-defence",
                "the countries will not agree on mutual defence like NATO's collective security.",
                "795",
                "874",
            ),
            (
                "SEED/no-ratification",
                "As CNN has learned, it will not involve ratification.",
                "145",
                "198",
            ),
            ("SEED/no-ratification", "does not require ratification", "1348", "1377"),
            (
                "SEED/not-binding-on-future-presidents",
                '"is not binding on any future president."',
                "1382",
                "1423",
            ),
            (
                "SEED/signing-date",
                "Kyiv and Washington will sign a bilateral security agreement on June 13",
                "17",
                "88",
            ),
            (
                "SEED/signing-venue",
                "on the sidelines of the Group of Seven summit in Italy",
                "89",
                "143",
            ),
            ("SEED/ten-year-term", "the United States will be obliged for 10 years", "347", "393"),
            ("SEED/ten-year-term", "Under our ten-year agreement", "1706", "1734"),
            ("SEED/training", "the United States will be obliged for 10 years", "347", "393"),
            (
                "SEED/training",
                "to continue the training of the Ukrainian armed forces",
                "396",
                "450",
            ),
        ],
    ),
    "signing": (
        ("agreement", "fact", "value", "claim"),
        [
            (
                "US–Ukraine Bilateral Security Agreement (2024)",
                "date",
                "2024-06-13",
                "SEED/signing-date",
            ),
            (
                "US–Ukraine Bilateral Security Agreement (2024)",
                "during",
                "Group of Seven summit, June 2024",
                "SEED/signing-venue",
            ),
            (
                "US–Ukraine Bilateral Security Agreement (2024)",
                "place",
                "Italy",
                "SEED/signing-venue",
            ),
        ],
    ),
    "translated-claims": (
        ("claimLabel", "translator", "translation", "backTranslation", "original", "speaker"),
        [
            (
                "The US will support Ukraine's defence and security in air defence",
                "LIGA.net",
                "LIGA.net's English back-translation of Blinken's speech",
                "yes",
                "Blinken's speech in Kyiv, 14 May 2024",
                "Antony Blinken",
            ),
            (
                "The US will support Ukraine's defence and security in aviation",
                "LIGA.net",
                "LIGA.net's English back-translation of Blinken's speech",
                "yes",
                "Blinken's speech in Kyiv, 14 May 2024",
                "Antony Blinken",
            ),
            (
                "The US will support Ukraine's defence and security in demining",
                "LIGA.net",
                "LIGA.net's English back-translation of Blinken's speech",
                "yes",
                "Blinken's speech in Kyiv, 14 May 2024",
                "Antony Blinken",
            ),
            (
                "The US will support Ukraine's defence and security in drones",
                "LIGA.net",
                "LIGA.net's English back-translation of Blinken's speech",
                "yes",
                "Blinken's speech in Kyiv, 14 May 2024",
                "Antony Blinken",
            ),
            (
                "The agreement runs for ten years",
                "LIGA.net",
                "LIGA.net's English back-translation of Blinken's speech",
                "yes",
                "Blinken's speech in Kyiv, 14 May 2024",
                "Antony Blinken",
            ),
        ],
    ),
    "unknowns": (
        ("thing", "unknown"),
        [
            ("Blinken's speech in Kyiv, 14 May 2024", "https://schema.org/url"),
            ("CNN report of 2024-06-12", "http://purl.org/dc/terms/creator"),
            ("CNN report of 2024-06-12", "https://schema.org/url"),
            (
                "LIGA.net's English back-translation of Blinken's speech",
                "http://purl.org/dc/terms/creator",
            ),
            (
                "LIGA.net's English back-translation of Blinken's speech",
                "http://purl.org/dc/terms/issued",
            ),
            (
                "News article of 2024-06-13 on the US–Ukraine security agreement (publisher unknown)",
                "http://purl.org/dc/terms/creator",
            ),
            (
                "News article of 2024-06-13 on the US–Ukraine security agreement (publisher unknown)",
                "http://purl.org/dc/terms/title",
            ),
            (
                "News article of 2024-06-13 on the US–Ukraine security agreement (publisher unknown)",
                "https://schema.org/url",
            ),
            (
                "a mechanism of consultations in the event of an attack",
                "https://w3id.org/treatykg/ontology#beneficiary",
            ),
            ("unidentified publisher of the seed article", "http://xmlns.com/foaf/0.1/name"),
        ],
    ),
    "us-commitments": (
        ("area", "modality", "duration", "description", "claim"),
        [
            (
                "Euro-Atlantic integration",
                "will",
                None,
                "help Ukraine move closer to NATO membership",
                "SEED/closer-to-nato",
            ),
            (
                "air defence",
                "will",
                None,
                "support Ukraine's defence and security in air defence",
                "SEED/air-defence",
            ),
            (
                "aviation",
                "will",
                None,
                "support Ukraine's defence and security in aviation",
                "SEED/aviation",
            ),
            (
                "consultation",
                "promises",
                None,
                "hold consultations with Ukraine immediately after a possible new attack by Russia",
                "SEED/consultations-after-attack",
            ),
            (
                "consultation",
                "provides for",
                None,
                "a mechanism of consultations in the event of an attack",
                "SEED/consultation-mechanism",
            ),
            (
                "defence-industrial cooperation",
                "obliged",
                "P10Y",
                "expand cooperation in the production of weapons and military equipment",
                "SEED/defence-industrial-cooperation",
            ),
            (
                "demining",
                "will",
                None,
                "support Ukraine's defence and security in demining",
                "SEED/demining",
            ),
            (
                "drones",
                "will",
                None,
                "support Ukraine's defence and security in drones",
                "SEED/drones",
            ),
            (
                "intelligence sharing",
                "obliged",
                "P10Y",
                "strengthen the exchange of intelligence",
                "SEED/intelligence-sharing",
            ),
            (
                "military assistance",
                "obliged",
                "P10Y",
                "continue to provide military aid",
                "SEED/military-aid",
            ),
            (
                "military assistance",
                "will",
                None,
                "provide military assistance in various areas",
                "SEED/military-assistance-areas",
            ),
            (
                "training",
                "obliged",
                "P10Y",
                "continue the training of the Ukrainian armed forces",
                "SEED/training",
            ),
        ],
    ),
}


def test_every_catalogue_query_has_a_test_and_a_documented_question() -> None:
    entries = catalogue.catalogue()
    assert sorted(e.name for e in entries) == sorted(EXPECTED)
    assert len(entries) >= 15
    for entry in entries:
        assert entry.question.endswith("?"), entry.name
        assert entry.returns, entry.name
        assert entry.example, entry.name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_query_returns_exactly_the_expected_rows(dataset, name: str) -> None:
    columns, expected = EXPECTED[name]
    rows = treatykg.query(dataset, name)
    assert all(tuple(row) == columns for row in rows)
    assert [tuple(cell(row[c]) for c in columns) for row in rows] == expected
