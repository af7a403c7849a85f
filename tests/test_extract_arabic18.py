"""Arabic attribution: the accused after a name in apposition, a participle of saying with no cue, and
slogans joined on placards, of batch 18's kind."""

from __future__ import annotations

from drafts import arabic_drafts


def test_the_accused_after_a_name_between_commas_leaves_the_name_whole():
    text = "اتهم عضو المجلس، نادر العمري، الإدارة بـ«التخبط» في ملف النظافة.\n\nواتهمت جمعية السكان المجلس بـ«الإهمال»."
    assert arabic_drafts(text) == [
        ("quote", "التخبط", "نادر العمري", True),
        ("quote", "الإهمال", "جمعية السكان", True),
    ]


def test_a_participle_of_saying_without_a_cue_speaks_for_the_subject_of_the_call():
    text = (
        "وقال الناطق هشام البناء إن «الدراسة ستستأنف».\n\n"
        "وطالبت رابطة أولياء الأمور الوزارة بتوفير التدفئة، مؤكدة أن «المدارس باردة».\n\n"
        "ودعا وزير التربية إلى التبرع بالملابس، مؤكدا أن «المدارس ستجمعها»."
    )
    assert arabic_drafts(text) == [
        ("quote", "الدراسة ستستأنف", "هشام البناء", True),
        ("quote", "المدارس باردة", "رابطة أولياء الأمور", True),
        ("quote", "المدارس ستجمعها", "وزير التربية", True),
    ]


def test_every_slogan_joined_by_and_on_a_placard_is_no_quotation():
    text = "ورفع المحتجون لافتات كتب عليها «لا للغلاء» و«الخبز أولا» و«أين الوعود؟». وقال أحدهم: «تعبنا»."
    assert [quote for _, quote, _, _ in arabic_drafts(text)] == ["تعبنا"]


def test_a_nickname_after_a_plural_noun_for_fans_is_no_quotation():
    text = "واحتفلت جماهير «النوارس» حتى الفجر. وقال المدرب عماد الزين: «الفوز مستحق»."
    assert arabic_drafts(text) == [("quote", "الفوز مستحق", "عماد الزين", False)]


def test_a_name_after_a_verb_of_naming_and_its_subject_is_no_quotation():
    text = "ورمم العمال الجسر الذي يسميه سكان المدينة «جسر الحنين». وقال المهندس فؤاد الحموي: «العمل انتهى»."
    assert arabic_drafts(text) == [("quote", "العمل انتهى", "فؤاد الحموي", False)]


def test_an_office_and_an_adjective_of_origin_refer_back_to_the_one_named_with_both():
    text = (
        "وأنهت الإدارة عقد قائدها الإيطالي جوليو مارتيني.\n\n"
        "وسيتولى القائد المساعد كريم النابلسي قيادة الحفل.\n\n"
        "وأكد القائد الإيطالي أنه ضحية «إقصاء بلا مبرر»."
    )
    assert arabic_drafts(text)[-1] == ("quote", "إقصاء بلا مبرر", "جوليو مارتيني", True)


def test_a_headline_quotation_is_a_fragment_of_the_later_quotation_that_holds_its_words():
    text = (
        "صيادون يوقفون مراكبهم: «البحر لم يعد يطعمنا»\n\n"
        "وقال رئيس التعاونية، حسن البحري: «البحر لم يعد يطعمنا، والرحلة تكلفنا أكثر مما نبيع»."
    )
    assert arabic_drafts(text) == [
        ("quote", "البحر لم يعد يطعمنا", "حسن البحري", True),
        ("quote", "البحر لم يعد يطعمنا، والرحلة تكلفنا أكثر مما نبيع", "حسن البحري", False),
    ]


def test_the_claims_a_speaker_rejects_after_that_are_reported_and_refusing_is_not():
    text = (
        "ورفضت الوزيرة، نوال القاسمي، الاتهامات بأن الوزارة أخفت النتائج، قائلة: «نشرنا كل الأرقام».\n\n"
        "ورفض مدير المصنع الرد على الأسئلة."
    )
    assert arabic_drafts(text) == [
        ("paraphrase", "الوزارة أخفت النتائج", "نوال القاسمي", False),
        ("quote", "نشرنا كل الأرقام", "نوال القاسمي", False),
    ]


def test_a_step_said_to_be_so_is_the_subject_of_the_verb_that_opens_the_sentence():
    text = (
        "وقال المدير وسيم الراعي: «الطائرات نصف فارغة».\n\n"
        "وأوقفت شركة طيران الواحة، أمس، رحلاتها، في خطوة قالت إنها «ضرورية».\n\n"
        "وكان مجلس البلدية قد خفض الرسوم، في قرار قال إنه «آخر محاولة»."
    )
    assert [(quote, speaker) for _, quote, speaker, _ in arabic_drafts(text)] == [
        ("الطائرات نصف فارغة", "وسيم الراعي"),
        ("ضرورية", "شركة طيران الواحة"),
        ("آخر محاولة", "مجلس البلدية"),
    ]
