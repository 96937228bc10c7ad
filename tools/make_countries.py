#!/usr/bin/env python3
"""Write data/gazetteer/countries.txt: one country a line, its English and
Dutch names as aliases separated by " | ".

    python3 tools/make_countries.py > data/gazetteer/countries.txt

Names come from Debian's iso-codes package (ISO 3166-1 in English, with the
Dutch translations of its gettext catalogue; LGPL-2.1+); the common short
names, abbreviations and adjectives below are added by hand.
"""
import gettext
import re
import json

EXTRA = {
    "US": "Verenigde Staten | Verenigde Staten van Amerika | VS | Amerika | Amerikaans | Amerikaanse | "
          "United States | United States of America | USA | US | America | American",
    "GB": "Verenigd Koninkrijk | VK | Groot-Brittannië | Brits | Britse | United Kingdom | UK | "
          "Great Britain | Britain | British",
    "RU": "Rusland | Russische Federatie | Russisch | Russische | Russia | Russian Federation | Russian",
    "UA": "Oekraïne | Oekraïens | Oekraïense | Ukraine | Ukrainian",
    "BY": "Belarus | Wit-Rusland | Belarussisch | Belarussische | Belarusian",
    "NL": "Nederland | Nederlands | Nederlandse | Holland | Netherlands | Dutch",
    "FR": "Frankrijk | Frans | Franse | France | French",
    "DE": "Duitsland | Duits | Duitse | Germany | German",
    "BE": "België | Belgisch | Belgische | Belgium | Belgian",
    "LU": "Luxemburg | Luxemburgs | Luxemburgse | Luxembourg",
    "IT": "Italië | Italiaans | Italiaanse | Italy | Italian",
    "ES": "Spanje | Spaans | Spaanse | Spain | Spanish",
    "PT": "Portugal | Portugees | Portugese | Portuguese",
    "PL": "Polen | Pools | Poolse | Poland | Polish",
    "AT": "Oostenrijk | Oostenrijks | Oostenrijkse | Austria | Austrian",
    "CH": "Zwitserland | Zwitsers | Zwitserse | Switzerland | Swiss",
    "DK": "Denemarken | Deens | Deense | Denmark | Danish",
    "SE": "Zweden | Zweeds | Zweedse | Sweden | Swedish",
    "NO": "Noorwegen | Noors | Noorse | Norway | Norwegian",
    "FI": "Finland | Fins | Finse | Finnish",
    "IE": "Ierland | Iers | Ierse | Ireland | Irish",
    "GR": "Griekenland | Grieks | Griekse | Greece | Greek",
    "CZ": "Tsjechië | Tsjechisch | Tsjechische | Czechia | Czech Republic | Czech",
    "SK": "Slowakije | Slowaaks | Slowaakse | Slovakia | Slovak",
    "HU": "Hongarije | Hongaars | Hongaarse | Hungary | Hungarian",
    "RO": "Roemenië | Roemeens | Roemeense | Romania | Romanian",
    "BG": "Bulgarije | Bulgaars | Bulgaarse | Bulgaria | Bulgarian",
    "HR": "Kroatië | Kroatisch | Kroatische | Croatia | Croatian",
    "SI": "Slovenië | Sloveens | Sloveense | Slovenia | Slovenian",
    "EE": "Estland | Estisch | Estische | Estonia | Estonian",
    "LV": "Letland | Lets | Letse | Latvia | Latvian",
    "LT": "Litouwen | Litouws | Litouwse | Lithuania | Lithuanian",
    "MT": "Malta | Maltees | Maltese",
    "CY": "Cyprus | Cypriotisch | Cypriotische | Cypriot",
    "TR": "Turkije | Turks | Turkse | Türkiye | Turkey | Turkish",
    "CN": "China | Volksrepubliek China | Chinees | Chinese",
    "JP": "Japan | Japans | Japanse | Japanese",
    "IN": "India | Indiaas | Indiase | Indian",
    "KR": "Zuid-Korea | Korea | South Korea | Republic of Korea",
    "KP": "Noord-Korea | North Korea",
    "IR": "Iran | Iraans | Iraanse | Iranian",
    "IQ": "Irak | Iraaks | Iraakse | Iraq | Iraqi",
    "SY": "Syrië | Syrisch | Syrische | Syria | Syrian",
    "IL": "Israël | Israëlisch | Israëlische | Israel | Israeli",
    "PS": "Palestina | Palestijnse Gebieden | Palestijns | Palestijnse | Palestine | Palestinian",
    "AF": "Afghanistan | Afghaans | Afghaanse | Afghan",
    "CA": "Canada | Canadees | Canadese | Canadian",
    "AU": "Australië | Australisch | Australische | Australia | Australian",
    "BR": "Brazilië | Braziliaans | Braziliaanse | Brazil | Brazilian",
    "MX": "Mexico | Mexicaans | Mexicaanse | Mexican",
    "ZA": "Zuid-Afrika | Zuid-Afrikaans | Zuid-Afrikaanse | South Africa | South African",
    "EG": "Egypte | Egyptisch | Egyptische | Egypt | Egyptian",
    "MA": "Marokko | Marokkaans | Marokkaanse | Morocco | Moroccan",
    "SA": "Saoedi-Arabië | Saudi Arabia | Saudi",
    "VE": "Venezuela | Venezolaans | Venezolaanse | Venezuelan",
    "BO": "Bolivia | Boliviaans | Boliviaanse | Bolivian",
    "TW": "Taiwan | Taiwanees | Taiwanese",
    "VN": "Vietnam | Viet Nam",
    "LA": "Laos",
    "MD": "Moldavië | Moldova",
    "TZ": "Tanzania",
    "SR": "Suriname | Surinaams | Surinaamse",
    "CI": "Ivoorkust | Côte d'Ivoire | Ivory Coast",
    "ML": "Mali | Malinees | Malinese | Malian",
    "XK": "Kosovo",
    "CD": "Democratische Republiek Congo | DR Congo | Democratic Republic of the Congo | DRC",
}


def clean(name):
    """"Falkland Islands (Malvinas)" -> "Falkland Islands", "Bolivia, Plurinational
    State of" -> "Bolivia"."""
    name = re.sub(r"\s*\(.*?\)", "", name).split(",")[0].strip()
    return name or None


def main():
    data = json.load(open("/usr/share/iso-codes/json/iso_3166-1.json", encoding="utf-8"))["3166-1"]
    nl = gettext.translation("iso_3166-1", "/usr/share/locale", languages=["nl"])
    print("# Countries and territories: one a line, names in Dutch and English")
    print("# separated by \" | \"; every name on a line is the same entity.")
    print("# Generated by tools/make_countries.py from Debian's iso-codes (LGPL-2.1+).")
    codes = {c["alpha_2"] for c in data}
    for c in sorted(data, key=lambda c: c["alpha_2"]):
        en = [c[k] for k in ("name", "common_name", "official_name") if k in c]
        names = []
        for n in EXTRA.get(c["alpha_2"], "").split("|") + [nl.gettext(n) for n in en] + en:
            n = clean(n) if n.strip() else None
            if n and n not in names:
                names.append(n)
        print(" | ".join(names))
    for code, extra in EXTRA.items():
        if code not in codes:
            print(extra)


if __name__ == "__main__":
    main()
