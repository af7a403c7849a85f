"""Arabic attribution of batch 19's kind: a body of several words after "according to" and its ل, a
verbal noun that opens the object after a body's name, a nickname after "known as", the name between
commas after an office with a possessive pronoun, "the chief of" a group as an office, a role "of" a team
before the name between commas, a headline that is a whole sentence said later, a reported clause that
ends before "and called on" or "and said", words quoted after an act demanded with بـ, a name given
after "وهو ... يدعى", a clause reported after "told" an outlet in guillemets, words quoted after "what
he described as", and a body after ".." and before a colon in a headline."""

from __future__ import annotations

from drafts import arabic_drafts


def test_a_body_of_several_words_after_according_to_drops_its_lam():
    text = "ووفقا للمجلس الأعلى للصحة، فإن عدد الإصابات تراجع خلال الأسبوع الماضي."
    assert arabic_drafts(text) == [
        ("paraphrase", "عدد الإصابات تراجع خلال الأسبوع الماضي", "المجلس الأعلى للصحة", False)
    ]


def test_a_verbal_noun_after_a_bodys_definite_word_is_the_object_not_the_name():
    text = "وأعلنت هيئة الطرق تأجيل افتتاح الجسر الجديد، مشيرة إلى أن الأعمال لم تنته بعد."
    assert arabic_drafts(text) == [("paraphrase", "الأعمال لم تنته بعد", "هيئة الطرق", False)]


def test_a_nickname_after_known_as_and_bi_is_no_quotation():
    text = "وفاز نادي الساحل، المعروف بـ«النوارس»، باللقب. وقال مدربه علي الهاشمي: «الفوز للجميع»."
    assert [quote for _, quote, _, _ in arabic_drafts(text)] == ["الفوز للجميع"]


def test_an_office_with_a_possessive_pronoun_takes_the_name_between_commas_after_it():
    text = "وقال مديرها، سامر الخوري، إن «العمل مستمر»."
    assert arabic_drafts(text) == [("quote", "العمل مستمر", "سامر الخوري", True)]


def test_the_chief_of_a_group_is_an_office_that_a_place_and_a_name_may_follow():
    text = "وقالت كبيرة الباحثين في معهد الدراسات، سعاد المصري، إن النتائج «مشجعة»."
    assert arabic_drafts(text) == [("quote", "مشجعة", "سعاد المصري", True)]


def test_a_role_of_a_team_is_no_name_and_the_name_between_commas_holds_the_role():
    text = "وأشاد المدرب الفرنسي لفريق الشعلة، لوران ديبوا، باللاعبين.\n\nوقال المدرب: «كنا الأفضل»."
    assert arabic_drafts(text) == [("quote", "كنا الأفضل", "لوران ديبوا", False)]


def test_a_headline_quotation_that_is_a_whole_sentence_of_a_later_one_is_no_fragment():
    text = "وزير: «الموازنة جاهزة»\n\nوقال الوزير سمير الحايك: «الموازنة جاهزة. سنرسلها إلى البرلمان غدا»."
    assert arabic_drafts(text) == [
        ("quote", "الموازنة جاهزة", "سمير الحايك", False),
        ("quote", "الموازنة جاهزة. سنرسلها إلى البرلمان غدا", "سمير الحايك", False),
    ]


def test_a_reported_clause_ends_before_a_verb_of_calling_on_joined_by_and():
    text = "وأكدت البلدية أنها فتحت الطريق، ودعت السائقين إلى «الحذر»."
    assert arabic_drafts(text) == [
        ("paraphrase", "فتحت الطريق", "البلدية", False),
        ("quote", "الحذر", "البلدية", True),
    ]


def test_words_quoted_after_a_demanded_act_joined_to_bi_are_a_fragment_of_the_demander():
    text = "وقال الوزير فادي عيسى: «نعمل».\n\nوطالب النائب، كريم حداد، بتشكيل «لجنة مستقلة»."
    assert arabic_drafts(text) == [("quote", "نعمل", "فادي عيسى", False), ("quote", "لجنة مستقلة", "كريم حداد", True)]


def test_the_name_given_after_and_he_is_named_is_the_speaker():
    text = "وقال أحدهم، وهو سائق أجرة يدعى مراد الحلو: «انتظرت ساعتين»."
    assert arabic_drafts(text) == [("quote", "انتظرت ساعتين", "مراد الحلو", False)]


def test_a_clause_reported_after_told_to_an_outlet_in_guillemets_is_found():
    text = "وذكر مصدر أمني لـ«النهار» أن الطريق أعيد فتحه."
    assert arabic_drafts(text) == [("paraphrase", "الطريق أعيد فتحه", "مصدر أمني", False)]


def test_words_quoted_after_what_he_described_as_are_a_fragment():
    text = "وأكد الوزير رامي الشهابي التزامه بالخطة، ورفض ما وصفه بـ«حملة مغرضة»."
    assert arabic_drafts(text) == [("quote", "حملة مغرضة", "رامي الشهابي", True)]


def test_a_body_after_two_dots_and_before_a_colon_in_a_headline_is_the_speaker():
    text = "إضراب في الموانئ.. والنقابة: «لن نتراجع»\n\nتوقف العمل في الموانئ أمس."
    assert arabic_drafts(text) == [("quote", "لن نتراجع", "النقابة", False)]


def test_a_reported_clause_ends_before_a_second_verb_of_saying_joined_by_and():
    text = "ونفى الوزير أن يكون الطريق مغلقا، وأوضح لـ«النهار» أن العمل مستمر."
    assert arabic_drafts(text) == [
        ("paraphrase", "يكون الطريق مغلقا", "الوزير", False),
        ("paraphrase", "العمل مستمر", "الوزير", False),
    ]
