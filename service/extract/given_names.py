"""The gender a given name tells, for "he" and "she": "Lorraine Gallagher-Boyd said ... she said".

Two sources, read once at import:

- The 1990 US Census first-name frequency lists (public domain), as the ``names`` package (MIT licence,
  pinned in requirements.txt) ships them: ``dist.male.first`` and ``dist.female.first``, each line a name
  in capitals and its share, in per cent, of that sex's population.
- A short list, written for this project from general knowledge of naming customs, of given names common
  outside the United States, most of which the census lists lack (below).

A name the census gives to both sexes gets a gender only when one share is at least DOMINANCE times the
other. A name that is a man's in one region and a woman's in another (Andrea, Jean, Michal) gets none;
so does every name in neither source. Without a gender, a pronoun falls back to what the rest of the
article says.
"""

from __future__ import annotations

import unicodedata
from importlib.resources import files

#: A share at least this many times the other sex's: at least nine bearers in ten of that sex (the two
#: sexes were near enough equal in number in 1990). A wrong gender makes "she" skip the woman who spoke,
#: while no gender only leaves today's nearest-person rule, so the bar is high: it gives Jerry (39 to 1)
#: and Dale (11 to 1) a gender, and leaves Kelly (4.5 to 1), Robin (6.5), Lee (3.2) and Jordan (4.7)
#: without one.
DOMINANCE = 9.0
#: A name in one list only has a share among the other sex below that list's cut-off (0.004% of men,
#: 0.001% of women), which proves little for a rare name. It counts only from one bearer in 10,000 of its
#: sex: below that sit entries such as "In", "So" and "China" and romanised syllables given to both sexes
#: (Wei, Ming, Jin, Sun).
ONE_LIST_SHARE = 0.01

# Common outside the US, and a man's or a woman's name there; grouped by where they are common.
MEN = frozenset(
    """
    ahmed ahmad mohammed muhammad mohamed mahmoud mustafa mostafa khaled khalid omar umar ali hassan hussein
    husain hussain ibrahim ismail youssef yousef yusuf abdullah abdallah abdulrahman tariq tarek walid waleed
    ziad samir nabil faisal saad fadi rami bashar hamad salman qassem karim kareem jamal adel amr hisham osama
    usama majid nasser sami saleh salah anas bilal hamza marwan mazen yasser yasir zaid raed fouad haitham
    ayman imad emad wael munir nizar tamer hazem sherif ashraf ehab hatem nidal
    reza hossein mehdi saeed mohsen javad behrouz babak dariush farhad kourosh masoud morteza mojtaba abbas
    parviz ramin shahram
    mehmet ahmet huseyin hasan osman murat omer ramazan halil suleyman kemal recep emre burak serkan kaan mert
    baris onur selim tolga volkan orhan hakan levent ugur fatih
    rahul amit anil arjun ashok deepak ganesh harish krishna manoj mohan naveen nitin pradeep prakash rajesh
    rakesh ramesh ravi sanjay sunil suresh vijay vikram vivek aditya akshay rohit sachin sandeep siddharth
    varun imran asif irfan farhan arif shahid zubair kamran junaid usman adnan
    emeka chukwuemeka obinna ikenna chinedu nnamdi chidi babatunde tunde olumide abubakar aminu kwame kofi
    kwaku kwabena kwasi kojo otieno odhiambo ochieng juma jabari baraka tesfaye abebe dawit yonas getachew
    mulugeta alemayehu thabo sipho mandla bongani sibusiso
    hiroshi takashi kenji taro ichiro haruto yuto sota daiki kenta shota takeshi satoshi shinzo fumio naoki
    tetsuya hideki masahiro koji ryota yusuke kaito min-jun ji-hoon dong-hyun
    ciaran cian oisin padraig seamus eoin eamon eamonn donal diarmuid fergal cathal ruairi tadhg colm darragh
    niall enda lorcan fionn declan rhys dafydd geraint huw aled owain rhodri gethin iwan emyr hamish ewan euan
    callum fraser alasdair alastair rupert crispin nigel clive giles
    piotr krzysztof tomasz pawel marcin michal lukasz jakub grzegorz wojciech andrzej jerzy zbigniew stanislaw
    tadeusz mariusz dariusz janusz maciej kamil mateusz bartosz szymon przemyslaw radoslaw slawomir miroslaw
    jaroslaw leszek marek rafal jiri petr vaclav ondrej zdenek
    sergei sergey serhiy dmitry dmitri alexei alexey oleksiy oleksandr nikolai mykola vladimir volodymyr andrei
    andriy mikhail mykhailo yury ihor oleg oleh vitali vitaliy vasyl taras bohdan petro maxim maksym denys
    anatoly yevgeny evgeny arseniy kirill ruslan artem vadim konstantin stanislav yaroslav
    klaus jurgen dieter wolfgang helmut gerhard manfred uwe horst rainer friedrich heinrich matthias markus
    thorsten torsten lars jens sven olaf nils bjorn magnus anders henrik mikkel rasmus jesper kasper pieter
    joost bram sander maarten wouter geert henk kees dirk jeroen ruud sjoerd florian tobias
    francois philippe michel alain christophe olivier thierry laurent nicolas julien guillaume sebastien
    benoit etienne yves didier herve gilles thibault mathieu antoine arnaud cedric jerome loic maxime remi
    giuseppe giovanni francesco alessandro lorenzo matteo leonardo paolo stefano giorgio massimo fabio claudio
    enrico riccardo davide emanuele giacomo filippo federico salvatore vincenzo pietro giulio luca gianluca
    luigi
    javier alejandro alvaro gonzalo ignacio rodrigo andres joaquin ramon emilio felipe jaime raul ruben joao
    goncalo tiago rui nuno duarte afonso paulo thiago
    georgios giorgos dimitris dimitrios konstantinos kostas nikos nikolaos yannis giannis ioannis panagiotis
    christos vasilis spyros kyriakos stavros theodoros apostolos evangelos
    avi yossi moshe yosef yitzhak noam itai ehud naftali yair gideon uri avraham shimon yoav oded gilad eitan
    """.split()
)
WOMEN = frozenset(
    """
    fatima fatma aisha ayesha maryam mariam layla leila laila zainab zeinab huda hanan rania amira yasmin
    yasmine samira salma rana hind mona reem farah ghada nada asma khadija rasha lamia souad dalal
    fatemeh zahra narges shirin parisa mahsa nasrin azadeh neda golnar roya shabnam soraya negar niloufar
    ladan mahnaz farnaz
    ayse emine hatice zeynep elif merve esra ozlem gulsen sibel derya ebru hulya meltem seda tugba busra
    sevgi aylin asli dilek yasemin
    aishwarya ananya anita anjali anusha deepa divya geeta gita kavita kavya lakshmi meena meera neha nisha
    pooja priya priyanka radha rekha shilpa shreya sita sneha sunita swati usha vandana nazia farida rubina
    shazia sadia saima samina
    ngozi chioma adaeze nneka amaka chiamaka ifeoma yetunde funmilayo folake bolanle titilayo akosua ama abena
    akua adwoa afua efua esi yaa wanjiru wanjiku njeri achieng akinyi wambui nyambura zawadi neema rehema
    tigist almaz hirut thandiwe nomvula zanele lindiwe nokuthula lerato palesa
    keiko yoko akiko yumiko tomoko noriko sachiko michiko naoko emiko hiroko kyoko mayumi yui hana sakura
    haruka misaki ayaka yuko megumi kaori yuriko masako junko mariko nanami seo-yeon ha-eun ji-yeon hye-jin
    eun-ji min-ji
    aoife caoimhe niamh siobhan saoirse sinead orla orlaith roisin grainne aisling clodagh ciara mairead
    eimear nuala sorcha maeve una bronagh bethan cerys ffion sian rhiannon angharad carys eleri nia seren
    eilidh morag catriona kirsty isla mhairi ailsa philippa imogen tamsin jemima harriet felicity poppy
    agnieszka katarzyna malgorzata joanna magdalena aleksandra ewa zofia krystyna elzbieta dorota beata
    jolanta grazyna halina iwona justyna karolina urszula wioletta zuzanna weronika jana lucie tereza
    katerina marketa zuzana alena ivana jitka lenka
    olga olena yelena irina iryna natalia nataliya tatiana tetiana svetlana anastasia ekaterina yekaterina
    kateryna oksana yulia yuliya lyudmila liudmyla galina halyna daria darya ksenia polina larisa nadezhda
    lyubov zoya inna yana alla
    ursula sabine birgit gisela heike anke silke katrin kathrin annika ingrid astrid sigrid ingeborg liv frida
    freja karin kristin ilse greta jutta anneliese hannelore saskia femke anouk sanne marieke lotte mette
    marit solveig sofie ulrike brigitte dagmar franziska stefanie katharina lena nele johanna svenja anja
    antje wiebke
    nathalie isabelle sylvie valerie sandrine veronique francoise monique chantal martine helene elodie
    aurelie celine manon chloe amelie margaux mathilde juliette clemence severine genevieve delphine odile
    solene segolene
    giulia chiara francesca alessandra federica valentina martina silvia paola giorgia alessia elisa ilaria
    serena simona raffaella antonella giovanna giuseppina rosaria donatella ornella loredana manuela stefania
    nicoletta
    ainhoa nerea pilar dolores montserrat nuria rocio consuelo inmaculada soledad ximena mariana fernanda
    luciana beatriz ines joana leonor mafalda catarina filipa
    eleni aikaterini dimitra ioanna vasiliki despina panagiota fotini angeliki konstantina
    tamar shira yael rivka efrat orly ayelet hila keren limor liat merav sigal osnat
    """.split()
)
# A man's name in one country and a woman's in another, or either sex's: no gender, whatever the census
# says (it makes Andrea, Simone, Michele, Joan, Sasha and Toni women, Claude and Laurence men). Men in
# Italy: Andrea, Simone, Michele, Gabriele, Daniele, Nicola; in France: Jean, Claude, Laurence, Dominique;
# in the Netherlands, Czechia and Scandinavia: Jan; in Catalonia: Joan; in Poland: Karol, Michał (Michal
# is a woman in Israel); in Russia: Sasha, Nikita, Misha, Valery, Yuri (a woman in Japan); in Germany and
# Croatia: Toni. Either sex: Jo and Jess (short for names of both), Chinese Wei, Camille, Kim, Ariel, Noa,
# Nour and Nur.
BOTH_SEXES = frozenset(
    """andrea simone michele gabriele daniele jean claude laurence dominique camille jan joan michal sasha
    sacha nikita misha valery valeri yuri nicola toni karol jo jess wei kim ariel noa nour noor nur""".split()
)
# Written with marks or letters that Unicode does not decompose; looked up without them.
_PLAIN_LETTERS = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ı": "i", "æ": "ae", "ß": "ss"})


def _shares(resource: str) -> dict[str, float]:
    # Four columns a line: the name, its share, the running total of shares, its rank.
    columns = files("names").joinpath(resource).read_text(encoding="ascii").lower().split()
    return dict(zip(columns[0::4], map(float, columns[1::4]), strict=True))


def census_genders(men: dict[str, float], women: dict[str, float]) -> dict[str, str]:
    """The gender, "m" or "f", of every name in the lists that DOMINANCE (for a name in both) or
    ONE_LIST_SHARE (for a name in one) gives one."""
    genders = {name: "m" for name, share in men.items() if share >= ONE_LIST_SHARE and name not in women}
    genders.update((name, "f") for name, share in women.items() if share >= ONE_LIST_SHARE and name not in men)
    for name in men.keys() & women.keys():
        male, female = men[name], women[name]
        if male >= DOMINANCE * female:
            genders[name] = "m"
        elif female >= DOMINANCE * male:
            genders[name] = "f"
    return genders


def _table() -> dict[str, str]:
    genders = census_genders(_shares("dist.male.first"), _shares("dist.female.first"))
    genders.update(dict.fromkeys(MEN, "m"))
    genders.update(dict.fromkeys(WOMEN, "f"))
    for name in BOTH_SEXES:
        genders.pop(name, None)
    return genders


#: Given name (lower case, without marks) to "m" or "f".
GIVEN_NAMES: dict[str, str] = _table()


def plain(word: str) -> str:
    """A lower-case word without its marks: "Siobhán" and "Paweł" as they are listed."""
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word.translate(_PLAIN_LETTERS))
    return "".join(character for character in decomposed if not unicodedata.combining(character))


def gender_of(given: str) -> str | None:
    """ "m" or "f" for a lower-case given name that tells one, else None."""
    found = GIVEN_NAMES.get(given)
    if found is None and not given.isascii():
        found = GIVEN_NAMES.get(plain(given))
    return found
