"""Arabic attribution: appositions, outlets, reported clauses and names in guillemets of batch 17's kind."""

from __future__ import annotations

from drafts import arabic_drafts


def test_a_given_name_with_the_article_may_open_a_name_in_apposition():
    text = (
        "وقال وزير النقل والتجهيز، الطاهر الفرجاني، للصحفيين: «سنفتح الطريق قبل الصيف».\n\n"
        "وأضاف الفرجاني: «الأشغال تسير بسرعة».\n\n"
        "وقال رئيس الجمعية، الأمين العام للاتحاد، إن «الأجور ضعيفة»."
    )
    assert arabic_drafts(text) == [
        ("quote", "سنفتح الطريق قبل الصيف", "الطاهر الفرجاني", False),
        ("quote", "الأشغال تسير بسرعة", "الطاهر الفرجاني", False),
        ("quote", "الأجور ضعيفة", "رئيس الجمعية", True),
    ]


def test_a_description_between_a_topic_and_its_predicate_leaves_the_topic_the_speaker():
    text = (
        "أما كريم الدباغ، صاحب مقهى في الحي منذ عشر سنوات، فقال إن «الزبائن قلة».\n\n"
        "أما سلوى العطار، ربة منزل وأم لثلاثة أطفال، فقد أكدت أن الصفوف مكتظة."
    )
    assert arabic_drafts(text) == [
        ("quote", "الزبائن قلة", "كريم الدباغ", True),
        ("paraphrase", "الصفوف مكتظة", "سلوى العطار", False),
    ]


def test_a_parent_of_so_many_children_is_the_kinship_noun_alone_and_a_kunya_stays_a_name():
    text = (
        "وقالت أم لطفلين إن «المدرسة بعيدة».\n\n"
        "وقال أب لثلاثة أولاد، فضل عدم ذكر اسمه، إن «الحافلة لا تأتي».\n\n"
        "وقالت أم حسن إن «الطريق خطير»."
    )
    assert arabic_drafts(text) == [
        ("quote", "المدرسة بعيدة", "أم", True),
        ("quote", "الحافلة لا تأتي", "أب", True),
        ("quote", "الطريق خطير", "أم حسن", True),
    ]


def test_the_outlet_that_signs_a_dateline_is_no_quotation():
    text = (
        "حمص - «المدينة اليوم»\n\n"
        "أعلنت المحافظة إغلاق السوق القديم للترميم. وقال التاجر رامي عيسى لـ«المدينة اليوم» إن «الموسم سيئ»."
    )
    assert arabic_drafts(text) == [("quote", "الموسم سيئ", "رامي عيسى", True)]


def test_words_passed_on_from_someone_after_an_and_without_his_saying_are_reported():
    text = (
        "ونقلت صحيفة محلية عن مصادر أمنية أن الطريق أغلق، وأن الشرطة انتشرت في المنطقة.\n\n"
        "ونقلت إذاعة «الساحل» عن مسؤول في الميناء أن «السفن تنتظر»."
    )
    assert arabic_drafts(text) == [
        ("paraphrase", "الطريق أغلق", "مصادر أمنية", False),
        ("paraphrase", "الشرطة انتشرت في المنطقة", "مصادر أمنية", False),
        ("quote", "السفن تنتظر", "مسؤول", True),
    ]


def test_an_office_of_a_body_named_without_the_article_takes_the_name_in_apposition():
    text = (
        "وقال سفير فرنسا، جان لوران، إن «العلاقات ممتازة».\n\n"
        "وقال مدرب نادي الرمثا، السوري محمود حداد، إن «الفريق متعب»."
    )
    assert arabic_drafts(text) == [
        ("quote", "العلاقات ممتازة", "جان لوران", True),
        ("quote", "الفريق متعب", "محمود حداد", True),
    ]


def test_a_clause_of_contrast_ends_a_reported_clause_and_its_quoted_words_are_a_fragment_of_the_same_report():
    text = (
        "وأكد مدير المستشفى أن قسم الولادة سيغلق أسبوعا للصيانة، في حين يبقى قسم الطوارئ «مفتوحا ليلا ونهارا».\n\n"
        "وأعلنت البلدية أن السوق سيغلق يوم الجمعة، في حين تفتح المحال الأخرى كالمعتاد."
    )
    assert arabic_drafts(text) == [
        ("paraphrase", "قسم الولادة سيغلق أسبوعا للصيانة", "مدير المستشفى", False),
        ("quote", "مفتوحا ليلا ونهارا", "مدير المستشفى", True),
        ("paraphrase", "السوق سيغلق يوم الجمعة", "البلدية", False),
    ]


def test_what_is_arranged_next_after_a_comma_and_on_that_ends_a_reported_clause():
    text = (
        "وبحسب الشركة، فإن الرحلات ستستأنف صباح الأحد، على أن تعود المواعيد إلى طبيعتها خلال أسبوع.\n\n"
        "وأعلنت الوزارة أن الامتحانات ستجري في موعدها، على أن تعلن النتائج في يوليو."
    )
    assert arabic_drafts(text) == [
        ("paraphrase", "الرحلات ستستأنف صباح الأحد", "الشركة", False),
        ("paraphrase", "الامتحانات ستجري في موعدها", "الوزارة", False),
    ]


def test_a_team_named_in_guillemets_after_a_person_noun_is_no_quotation():
    text = (
        "رئيس «الصقور» الجديد: لن نبيع أي لاعب\n\n"
        "وقال مدرب «الصقور» السابق، كمال الراشد، إن «الفريق يحتاج إلى صبر».\n\n"
        "وقال مسؤول: «لا تعليق»."
    )
    assert arabic_drafts(text) == [
        ("quote", "الفريق يحتاج إلى صبر", "كمال الراشد", True),
        ("quote", "لا تعليق", "مسؤول", False),
    ]
