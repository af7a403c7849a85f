"""Arabic attribution: the structures of news copy that name, describe or follow back a speaker."""

from __future__ import annotations

from service.extract import extract


def _quotes(text: str) -> list[tuple[str, str | None, bool]]:
    return [
        (draft.quote, draft.speaker.name if draft.speaker else None, draft.fragment)
        for draft in extract(text, "ar")
        if draft.kind == "quote"
    ]


def test_a_role_with_its_place_before_a_comma_gives_the_name_in_apposition():
    text = (
        "وقالت مديرة التخطيط في البلدية، المهندسة رنا سعادة، للصحفيين: «سنفتح ثلاث حدائق».\n\n"
        "وانتقد وزير المالية الأسبق، جورج قرم، الموازنة. وقال لصحيفة محلية: «الأرقام غير واقعية».\n\n"
        "وحذّر المتحدث باسم اتحاد نقابات العمال، وليد شحادة، من أن «الأجور فقدت قيمتها»."
    )
    assert _quotes(text) == [
        ("سنفتح ثلاث حدائق", "رنا سعادة", False),
        ("الأرقام غير واقعية", "جورج قرم", False),
        ("الأجور فقدت قيمتها", "وليد شحادة", True),
    ]


def test_the_object_after_a_name_in_apposition_is_not_the_subject_of_the_next_verb():
    text = "وانتقد رئيس نقابة المعلمين، سامي الخوري، تأخير الرواتب، وقال: «لن نعود إلى الصفوف»."
    assert _quotes(text) == [("لن نعود إلى الصفوف", "سامي الخوري", False)]


def test_a_kinship_noun_before_a_comma_gives_the_name_in_apposition():
    text = (
        "وقال الصياد حسن البيطار: «البحر لم يعد يعطينا شيئا».\n\n"
        "وأشارت ابنته، ليلى البيطار، إلى أن القارب معطل. وقالت: «نحتاج إلى محرك جديد».\n\n"
        "أما شقيقه، عمر البيطار، فقال إن «الصيد انتهى»."
    )
    assert _quotes(text) == [
        ("البحر لم يعد يعطينا شيئا", "حسن البيطار", False),
        ("نحتاج إلى محرك جديد", "ليلى البيطار", False),
        ("الصيد انتهى", "عمر البيطار", True),
    ]


def test_a_family_name_with_a_particle_is_the_full_name_written_before():
    text = (
        "وقال رئيس جمعية التجار، المنصف بن حميدة، إن المبيعات تراجعت. "
        "وأضاف بن حميدة: «الزبائن لا يملكون المال».\n\n"
        "وقال المحامي كريم أبو شقرا إن الدعوى رفعت. وأكد أبو شقرا: «سنربح القضية»."
    )
    assert _quotes(text) == [
        ("الزبائن لا يملكون المال", "المنصف بن حميدة", False),
        ("سنربح القضية", "كريم أبو شقرا", False),
    ]


def test_the_noun_of_an_unnamed_person_who_spoke_without_quotation_refers_back_to_them():
    text = (
        "وقال طبيب مقيم في المستشفى، رفض ذكر اسمه، إن الأدوية نفدت. "
        "وأضاف الطبيب: «نعالج المرضى بما تبقى».\n\n"
        "وقالت ممرضة في القسم نفسه، طلبت عدم كشف هويتها، إن الكهرباء تنقطع ليلا. "
        "وتابعت الممرضة: «نعمل على ضوء الهواتف»."
    )
    assert _quotes(text) == [
        ("نعالج المرضى بما تبقى", "طبيب مقيم", False),
        ("نعمل على ضوء الهواتف", "ممرضة", False),
    ]


def test_an_indefinite_subject_before_its_verb_is_the_speaker_of_the_next_sentence():
    text = (
        "وقال المدير أحمد سليم: «الوضع تحت السيطرة».\n\n"
        "غير أن موظفا لإحدى الشركات المتعاقدة، طلب عدم ذكر اسمه، قال إن العمل متوقف. "
        "وقال: «لم نتقاض أجورنا منذ شهرين»."
    )
    assert _quotes(text) == [
        ("الوضع تحت السيطرة", "أحمد سليم", False),
        ("لم نتقاض أجورنا منذ شهرين", "موظف", False),
    ]


def test_an_unnamed_speaker_ends_before_a_verb_about_them():
    text = (
        "وقال صياد يعمل في الميناء منذ صغره: «الأسماك هجرت الشاطئ».\n\n"
        "وقالت معلمة تسكن قرب المدرسة: «الطريق خطر على الأطفال»."
    )
    assert _quotes(text) == [("الأسماك هجرت الشاطئ", "صياد", False), ("الطريق خطر على الأطفال", "معلمة", False)]


def test_words_called_for_by_a_participle_after_the_cue_are_a_fragment():
    text = (
        "وقال الوزير خالد نصر إن الموسم صعب، داعيا المزارعين إلى «ترشيد استهلاك المياه».\n\n"
        "وأكدت النائبة سلوى عيسى أن الخطة ناقصة، مطالبة الحكومة بـ«خطة أوضح»."
    )
    assert _quotes(text) == [
        ("ترشيد استهلاك المياه", "خالد نصر", True),
        ("خطة أوضح", "سلوى عيسى", True),
    ]


def test_according_to_a_document_is_its_issuer_and_an_outlets_name_is_no_quotation():
    text = (
        "وبحسب بيان لوزارة الداخلية، فإن «الطرق الرئيسية مفتوحة».\n\n"
        "وقال مصدر أمني لـ«النهار» إن التحقيق «في بدايته».\n\n"
        "ووفق تقرير صادر عن الهيئة العامة للأرصاد، فإن «الأمطار ستستمر»."
    )
    assert _quotes(text) == [
        ("الطرق الرئيسية مفتوحة", "وزارة الداخلية", True),
        ("في بدايته", "مصدر أمني", True),
        ("الأمطار ستستمر", "الهيئة العامة للأرصاد", True),
    ]


def test_cues_written_with_shadda_and_short_vowels_are_cues():
    text = "وأكّد وزير الصحة فراس الأبيض: «اللقاحات متوفرة».\n\nولفتت الطبيبة منى داود إلى أن «العدوى تراجعت»."
    assert _quotes(text) == [("اللقاحات متوفرة", "فراس الأبيض", False), ("العدوى تراجعت", "منى داود", True)]


def test_a_title_or_a_joined_second_role_before_a_name_is_the_role_and_a_role_after_the_name_is_not_the_name():
    text = (
        "وقال الدكتور وائل حمدي، أستاذ الاقتصاد في جامعة دمشق، إن «الليرة ستواصل التراجع».\n\n"
        "ورأى الباحث والمحلل السياسي نبيل العلي أن «الحل سياسي».\n\n"
        "وأوضح المتحدث الرسمي باسم وزارة النقل العقيد ماهر سلوم أن «الطرق سالكة».\n\n"
        "وأكد الشيخ صالح العبيدي، شيخ العشيرة، أن «الصلح قريب»."
    )
    drafts = [draft for draft in extract(text, "ar") if draft.kind == "quote"]
    assert [(draft.speaker.name if draft.speaker else None, draft.role) for draft in drafts] == [
        ("وائل حمدي", "الدكتور"),
        ("نبيل العلي", "الباحث والمحلل السياسي"),
        ("ماهر سلوم", "المتحدث الرسمي باسم وزارة النقل العقيد"),
        ("صالح العبيدي", "الشيخ"),
    ]


def test_a_participle_between_commas_is_no_name_and_an_outlet_told_is_no_quotation():
    text = (
        "وقال وزير الطاقة، متحدثا للصحفيين في المطار، إن «الشحنة وصلت».\n\n"
        "وقال المهندس جمال عيسى في تصريح لـ«الأخبار»: «الصيانة تحتاج إلى شهر».\n\n"
        "وقالت النائبة هالة نصار إن القطاع تعرض لـ«إهمال متعمد»."
    )
    assert _quotes(text) == [
        ("الشحنة وصلت", "وزير الطاقة", True),
        ("الصيانة تحتاج إلى شهر", "جمال عيسى", False),
        ("إهمال متعمد", "هالة نصار", True),
    ]


def test_a_bodys_name_in_guillemets_or_as_a_construct_stays_in_the_role_and_basem_can_be_a_name():
    text = (
        "وقال عضو المكتب السياسي لحركة «فتح» باسم صالح إن «الحوار مستمر».\n\n"
        "وقال المتحدث باسم جمعية حماية المستهلك نادر عيسى: «الأسعار ارتفعت».\n\n"
        "وقال المتحدث باسم الحكومة ماجد الحسن: «لا تعليق»."
    )
    drafts = [draft for draft in extract(text, "ar") if draft.kind == "quote"]
    assert [(draft.speaker.name if draft.speaker else None, draft.role) for draft in drafts] == [
        ("باسم صالح", "عضو المكتب السياسي لحركة «فتح»"),
        ("نادر عيسى", "المتحدث باسم جمعية حماية المستهلك"),
        ("ماجد الحسن", "المتحدث باسم الحكومة"),
    ]


# Batch 13 Arabic causes


def test_a_name_with_son_of_or_daughter_of_keeps_its_family_name():
    text = (
        "وقال المزارع الشاب سعيد بن راشد الهنائي، البالغ من العمر 30 عاما: «فقدنا نصف النخيل».\n\n"
        "وأضاف الهنائي: «نحتاج إلى مياه الري».\n\n"
        "وقالت المعلمة المتقاعدة مريم بنت خلفان السيابية: «الأفلاج جفت»."
    )
    assert _quotes(text) == [
        ("فقدنا نصف النخيل", "سعيد بن راشد الهنائي", False),
        ("نحتاج إلى مياه الري", "سعيد بن راشد الهنائي", False),
        ("الأفلاج جفت", "مريم بنت خلفان السيابية", False),
    ]


def test_a_role_and_a_name_between_commas_before_the_verb_is_the_subject():
    text = (
        "وقال الوزير خالد المعمري: «الأسرة تكفي».\n\n"
        "لكن مديرة المستشفى، هدى الزدجالية، قالت إن الأقسام «مكتظة». وأضافت: «نحتاج إلى ممرضين»."
    )
    assert _quotes(text) == [
        ("الأسرة تكفي", "خالد المعمري", False),
        ("مكتظة", "هدى الزدجالية", True),
        ("نحتاج إلى ممرضين", "هدى الزدجالية", False),
    ]


def test_a_feminine_verb_without_a_subject_continues_the_last_woman_who_spoke():
    text = (
        "وقالت المديرة سعاد الكعبي: «سنفتح الصفوف».\n\n"
        "وقال والد التلميذ، ناصر الشامسي، إن الأهالي قلقون. وأضاف: «لا نعرف متى».\n\n"
        "وأكدت: «السلامة أولا». وقال: «ننتظر»."
    )
    assert _quotes(text) == [
        ("سنفتح الصفوف", "سعاد الكعبي", False),
        ("لا نعرف متى", "ناصر الشامسي", False),
        ("السلامة أولا", "سعاد الكعبي", False),
        ("ننتظر", "ناصر الشامسي", False),
    ]


def test_a_noun_for_a_person_with_a_definite_complement_is_a_role_before_the_name():
    text = "أما مزارع القمح حميد جاسم فقال إن المحصول تلف. وأضاف: «لم نحصد شيئا»."
    assert _quotes(text) == [("لم نحصد شيئا", "حميد جاسم", False)]


def test_a_family_name_written_before_with_its_given_name_is_not_run_on_into_the_object():
    text = (
        "وقال مدير البلدية، ماجد الساعدي: «سننتهي قبل الشتاء».\n\n"
        "ونفى الساعدي تأخر المشروع، وقال: «العمل يسير وفق الجدول»."
    )
    assert _quotes(text) == [
        ("سننتهي قبل الشتاء", "ماجد الساعدي", False),
        ("العمل يسير وفق الجدول", "ماجد الساعدي", False),
    ]


def test_a_definite_body_named_with_joined_complements_is_the_body_its_noun_stands_for():
    text = "وقال المجلس الأعلى للشباب والرياضة في بيان: «ستفتح الملاعب».\n\nوأضاف المجلس: «سنعلن المواعيد»."
    assert _quotes(text) == [
        ("ستفتح الملاعب", "المجلس الأعلى للشباب والرياضة", False),
        ("سنعلن المواعيد", "المجلس الأعلى للشباب والرياضة", False),
    ]


def test_according_to_a_definite_role_reads_the_noun_whose_alif_was_dropped():
    text = "ووفقا للخبير الاقتصادي في الجامعة، الدكتور سلام عباس، فإن «الأسعار سترتفع»."
    assert _quotes(text) == [("الأسعار سترتفع", "سلام عباس", True)]


def test_words_quoted_after_a_participle_of_demanding_finish_its_clause():
    text = "وقال الناشط سمير داود إن المدينة «فقدت أشجارها»، مطالبا البلدية بزراعة الأرصفة «بدلا من صبها بالإسمنت»."
    assert _quotes(text) == [("فقدت أشجارها", "سمير داود", True), ("بدلا من صبها بالإسمنت", "سمير داود", True)]


def _paraphrases(text: str) -> list[tuple[str, str | None]]:
    return [
        (draft.quote, draft.speaker.name if draft.speaker else None)
        for draft in extract(text, "ar")
        if draft.kind == "paraphrase"
    ]


def test_a_clause_reported_after_a_verb_and_that_is_a_paraphrase_of_its_speaker():
    text = (
        "أكد مزارعون في السهل أن الصقيع أتلف المحاصيل، مطالبين الدولة بالدعم.\n\n"
        "وقال رئيس التعاونية، جميل الأسعد، إن الخسائر كبيرة، مؤكدا أن العائلات فقدت رزقها.\n\n"
        "وأوضحت المزارعة هناء طالب أنها ستبيع أرضها. وقال الأسعد إن الحكومة «تتجاهل الريف»."
    )
    assert _paraphrases(text) == [
        ("الصقيع أتلف المحاصيل", "مزارعون"),
        ("الخسائر كبيرة", "جميل الأسعد"),
        ("العائلات فقدت رزقها", "جميل الأسعد"),
        ("ستبيع أرضها", "هناء طالب"),
    ]


def test_according_to_a_document_with_then_that_reports_its_issuer():
    text = "ووفقا لتقرير صادر عن نقابة المهندسين الزراعيين، فإن الموسم المقبل مهدد أيضا."
    assert _paraphrases(text) == [("الموسم المقبل مهدد أيضا", "نقابة المهندسين الزراعيين")]


def test_a_body_named_in_full_when_it_spoke_keeps_that_name():
    text = "وأعلنت مديرية الزراعة والثروة الحيوانية أنها أرسلت فرقا. وأضافت المديرية: «سنصرف التعويضات»."
    assert _quotes(text) == [("سنصرف التعويضات", "مديرية الزراعة والثروة الحيوانية", False)]


def test_a_lineage_may_run_through_al_or_ould_to_the_family_name():
    text = "وقال الوزير محمد بن راشد آل مكتوم: «نبني المستقبل».\n\nوقال الرئيس السابق محمد ولد عبد العزيز: «لن نتراجع»."
    assert _quotes(text) == [
        ("نبني المستقبل", "محمد بن راشد آل مكتوم", False),
        ("لن نتراجع", "محمد ولد عبد العزيز", False),
    ]


# Arabic agency and newspaper forms


def test_a_quotation_before_according_to_what_someone_said_is_theirs():
    text = (
        "«سنطعن في الحكم»، وفق ما قالت محامية الدفاع نادية سليم.\n\n"
        "«الأزمة بنيوية»، بحسب ما قال الخبير الاقتصادي مروان شربل.\n\n"
        "وقال الناقد حسن بنعلي إن الرواية جيدة.\n\n«الأدب بخير»، على حد تعبير بنعلي."
    )
    assert _quotes(text) == [
        ("سنطعن في الحكم", "نادية سليم", False),
        ("الأزمة بنيوية", "مروان شربل", False),
        ("الأدب بخير", "حسن بنعلي", False),
    ]


def test_whom_a_member_sits_for_comes_between_the_role_and_the_name():
    text = "وقال النائب عن كتلة الإعمار حيدر الساعدي: «الموازنة لا تنصف الجنوب»."
    assert _quotes(text) == [("الموازنة لا تنصف الجنوب", "حيدر الساعدي", False)]


def test_closing_resuming_answering_and_telling_are_cues():
    text = (
        "وقال الوزير سامر الحديدي: «الحوار هو الطريق».\n\n"
        "ونقلت الوكالة عن الوزيرة لورا مارتين قولها: «نقف مع الحل».\n\n"
        "وختم الحديدي بالقول: «الشعوب تريد السلام».\n\n"
        "وردت النائبة سهى الجبوري بأن الأرقام «واقعية».\n\n"
        "وروى شاهد عيان أن الشرطة أطلقت الغاز. وأضاف: «لم يكن هناك عنف»."
    )
    assert _quotes(text) == [
        ("الحوار هو الطريق", "سامر الحديدي", False),
        ("نقف مع الحل", "لورا مارتين", False),
        ("الشعوب تريد السلام", "سامر الحديدي", False),
        ("واقعية", "سهى الجبوري", True),
        ("لم يكن هناك عنف", "شاهد عيان", False),
    ]
    assert _paraphrases(text) == [("الشرطة أطلقت الغاز", "شاهد عيان")]


def test_a_denial_shares_its_subject_and_not_the_object_after_it():
    text = (
        'قضت المحكمة بسجن رجل الأعمال سمير حداد.\n\nوأنكر حداد كل ما نسب إليه، وقال أمام المحكمة: "لم آخذ قرشا واحدا".'
    )
    assert _quotes(text) == [("لم آخذ قرشا واحدا", "سمير حداد", False)]


def test_accused_takes_the_subject_of_the_verb_before_and_quotes_a_fragment():
    text = (
        "من جهتها، نفت نقابة الأطباء أي تقصير، واتهمت الحكومة بـ«إخفاء الأرقام الحقيقية».\n\n"
        "ونفت الشرطة في بيان استخدام القوة، واتهمت «مندسين» بإثارة الفوضى."
    )
    assert _quotes(text) == [
        ("إخفاء الأرقام الحقيقية", "نقابة الأطباء", True),
        ("مندسين", "الشرطة", True),
    ]


def test_according_to_a_document_in_construct_with_a_body_reports_the_body():
    text = "ووفقا لبيانات مصرف لبنان، فإن الاحتياطي الأجنبي انخفض بنسبة عشرة في المئة."
    assert _paraphrases(text) == [("الاحتياطي الأجنبي انخفض بنسبة عشرة في المئة", "مصرف لبنان")]


def test_the_name_of_a_campaign_or_a_song_in_guillemets_is_not_speech():
    text = (
        "وأضافت الوزارة أن حملة «صحتك أمانة» ستنطلق الأسبوع المقبل.\n\n"
        "وردد المشجعون أغنية «يا رجاء يا حبيبة» حتى النهاية، في مهرجان بعنوان «ليالي المدينة»."
    )
    assert _quotes(text) == []


def test_a_pluperfect_subject_between_kana_and_qad_is_the_speaker():
    text = (
        "وقالت الروائية سلمى العمراني: «لا أكتب من أجل الجوائز».\n\n"
        "وكان الناقد حسن بنعلي قد كتب أن الرواية «أجمل ما صدر هذا العام»."
    )
    assert _quotes(text) == [
        ("لا أكتب من أجل الجوائز", "سلمى العمراني", False),
        ("أجمل ما صدر هذا العام", "حسن بنعلي", True),
    ]


def test_a_reported_clause_ends_before_a_participle_that_points_to_more():
    text = "وأوضح الخبير مروان شربل أن التضخم سيتجاوز مئة في المئة، لافتا إلى أن «الرواتب فقدت قيمتها»."
    assert _paraphrases(text) == [("التضخم سيتجاوز مئة في المئة", "مروان شربل")]


def test_a_woman_described_by_what_she_does_is_the_noun_alone():
    text = "«أطفالي مرضوا من مياه الآبار»، قالت سيدة تحمل طفلها على كتفها."
    assert _quotes(text) == [("أطفالي مرضوا من مياه الآبار", "سيدة", False)]


def test_a_chain_of_offices_before_the_name_is_all_role():
    text = "أكد وزير الدولة للشؤون الخارجية عضو مجلس الوزراء عادل المطيري أن المملكة «ماضية في دعم الاستقرار»."
    assert _quotes(text) == [("ماضية في دعم الاستقرار", "عادل المطيري", True)]


def test_the_one_accused_after_the_subject_is_left_out_of_it():
    text = "في المقابل، اتهم ناشطون محليون الجيش بـ«قصف عشوائي» للمنازل."
    assert _quotes(text) == [("قصف عشوائي", "ناشطون محليون", True)]


def test_according_to_what_an_outlet_named_in_guillemets_reported():
    text = "ووفقا لما ذكرته صحيفة «الوطن»، فإن العملية قد تمتد إلى المحافظات المجاورة."
    assert _paraphrases(text) == [("العملية قد تمتد إلى المحافظات المجاورة", "صحيفة «الوطن»")]
    assert _quotes(text) == []


def test_a_participle_of_saying_takes_the_subject_of_the_clause_after_a_dateline():
    text = (
        "بغداد (رويترز) - انتقد رئيس هيئة النزاهة القاضي حيدر حنون أداء الوزارات، قائلا: «الفساد ينخر الدولة».\n\n"
        "وتساءلت النائبة عالية نصيف: «أين ذهبت الأموال؟»."
    )
    assert _quotes(text) == [("الفساد ينخر الدولة", "حيدر حنون", False), ("أين ذهبت الأموال؟", "عالية نصيف", False)]


def test_a_title_shortened_to_a_letter_and_a_full_stop_is_left_before_the_name():
    text = "بدوره، قال د. علي الشمري، أستاذ الاقتصاد في جامعة بغداد: «الإصلاح يبدأ من القضاء»."
    assert _quotes(text) == [("الإصلاح يبدأ من القضاء", "علي الشمري", False)]


def test_in_her_words_after_a_quotation_is_the_last_woman_who_spoke():
    text = (
        "وقالت النائبة عالية نصيف: «سنكشف الأسماء».\n\n"
        "وقال الخبير علي الشمري إن الأرقام «مخيفة». «هذه ليست أزمة عابرة»، على حد قولها."
    )
    assert _quotes(text) == [
        ("سنكشف الأسماء", "عالية نصيف", False),
        ("مخيفة", "علي الشمري", True),
        ("هذه ليست أزمة عابرة", "عالية نصيف", False),
    ]


def test_words_quoted_from_people_in_the_plural_and_from_a_document_are_theirs():
    text = (
        "ونقلت وسائل إعلام محلية عن شهود عيان قولهم: «سمعنا دوي انفجارات».\n\n"
        "وجاء في بيان لوزارة الداخلية: «الوضع تحت السيطرة»."
    )
    assert _quotes(text) == [("سمعنا دوي انفجارات", "شهود عيان", False), ("الوضع تحت السيطرة", "وزارة الداخلية", False)]


def test_described_as_quotes_a_fragment_and_the_object_after_a_definite_family_name_is_left_out():
    text = "ووصف عضو المجلس البلدي مصطفى الفيتوري الوضع بأنه «مأساوي».\n\nوقال الوزير نور الدين الزاهي: «سنعمل»."
    assert _quotes(text) == [("مأساوي", "مصطفى الفيتوري", True), ("سنعمل", "نور الدين الزاهي", False)]


# Batch 14 Arabic causes


def test_a_name_of_three_parts_closed_by_a_comma_is_whole_and_its_family_name_alone_stands_for_it():
    text = (
        "وقال وزير الزراعة عماد حسين قطيش، في بيان، إن المحصول «أقل من المتوقع». وأضاف قطيش: «سنعوض المزارعين».\n\n"
        "وبحسب رئيس نقابة المزارعين وائل نبيل حمود، فإن الخسائر كبيرة. وقال حمود: «نريد أفعالا»."
    )
    assert [(quote, speaker) for quote, speaker, _ in _quotes(text)] == [
        ("أقل من المتوقع", "عماد حسين قطيش"),
        ("سنعوض المزارعين", "عماد حسين قطيش"),
        ("نريد أفعالا", "وائل نبيل حمود"),
    ]
    paraphrases = [(draft.quote, draft.speaker.name if draft.speaker else None) for draft in extract(text, "ar")]
    assert ("الخسائر كبيرة", "وائل نبيل حمود") in paraphrases


def test_a_given_name_or_family_name_of_two_words_is_one_part_of_the_name():
    text = (
        "وقال مدير المدرسة، الأستاذ فادي عبد الكريم الحلبي، إن الصفوف «مكتظة». وأضاف الحلبي: «نحتاج معلمين».\n\n"
        "وقالت المعلمة سناء جميل نور الدين: «الكتب لم تصل»."
    )
    assert [(quote, speaker) for quote, speaker, _ in _quotes(text)] == [
        ("مكتظة", "فادي عبد الكريم الحلبي"),
        ("نحتاج معلمين", "فادي عبد الكريم الحلبي"),
        ("الكتب لم تصل", "سناء جميل نور الدين"),
    ]


def test_a_second_woman_with_a_family_name_of_two_words_after_a_place_is_not_the_first():
    text = (
        "وقالت الممرضة ريم جورج حداد: «لا أحد يشتري».\n\n"
        "لكن الخبيرة في الاقتصاد هند سامي بدر الدين رأت أن «السوق يتعافى». وقالت: «الأرقام تتحسن»."
    )
    assert [(quote, speaker) for quote, speaker, _ in _quotes(text)] == [
        ("لا أحد يشتري", "ريم جورج حداد"),
        ("السوق يتعافى", "هند سامي بدر الدين"),
        ("الأرقام تتحسن", "هند سامي بدر الدين"),
    ]


def test_a_body_joined_by_and_before_an_adjective_of_belonging_keeps_its_whole_name():
    text = (
        "أعلنت وزارة البيئة والمياه الأردنية خطة جديدة.\n\n"
        "وأكدت الوزارة في بيان أن السدود «شبه فارغة». وأضافت: «سنشتري المياه من الجيران»."
    )
    assert _quotes(text) == [
        ("شبه فارغة", "وزارة البيئة والمياه الأردنية", True),
        ("سنشتري المياه من الجيران", "وزارة البيئة والمياه الأردنية", False),
    ]


def test_a_described_person_ends_before_was_and_its_clause():
    text = "وقال زبون كان ينتظر دوره أمام المخبز: «الخبز لا يكفي».\n\nوقالت سيدة كانت تبيع الخضار: «الأسعار نار»."
    assert _quotes(text) == [("الخبز لا يكفي", "زبون", False), ("الأسعار نار", "سيدة", False)]


def test_a_clause_joined_by_and_that_after_a_quoted_fragment_is_reported_speech():
    text = "وقال رئيس البلدية، سمير الحاج، إن الطريق «مغلق تماما»، وإن الفرق تعمل على فتحه قبل المساء."
    drafts = [(draft.kind, draft.quote, draft.speaker.name if draft.speaker else None) for draft in extract(text, "ar")]
    assert drafts == [
        ("quote", "مغلق تماما", "سمير الحاج"),
        ("paraphrase", "الفرق تعمل على فتحه قبل المساء", "سمير الحاج"),
    ]


def test_what_follows_an_opening_according_to_and_its_source_is_reported_without_that():
    text = "أعلنت شركة كهرباء الشمال عن قطع التيار.\n\nووفقا للشركة، سيعود التيار إلى القرى صباح الأحد."
    drafts = [(draft.kind, draft.quote, draft.speaker.name if draft.speaker else None) for draft in extract(text, "ar")]
    assert drafts == [("paraphrase", "سيعود التيار إلى القرى صباح الأحد", "شركة كهرباء الشمال")]


def test_a_given_name_opening_with_abd_is_followed_by_the_family_name():
    text = "وقال وزير الصحة عبد الرزاق فرحات: «المستشفيات جاهزة».\n\nوقال النائب عبد السلام بو زيد: «هذا غير صحيح»."
    assert _quotes(text) == [
        ("المستشفيات جاهزة", "عبد الرزاق فرحات", False),
        ("هذا غير صحيح", "عبد السلام بو زيد", False),
    ]


def test_the_first_two_parts_of_a_name_written_in_full_before_stand_for_it():
    text = "وقالت رئيسة البلدية هالة نبيل عواد، في بيان: «الشوارع نظيفة».\n\nوأضافت هالة نبيل: «سنزرع الأشجار»."
    assert _quotes(text) == [
        ("الشوارع نظيفة", "هالة نبيل عواد", False),
        ("سنزرع الأشجار", "هالة نبيل عواد", False),
    ]


# Batch 15 Arabic causes


def test_a_mauritanian_name_keeps_a_father_of_two_words_after_walad_or_mint():
    text = (
        "وقال المعلم أحمدو محمود ولد سيدي بابا، الذي يدرس في قرية نائية، إن قسمه مكتظ. وأضاف: «لا أستطيع».\n\n"
        "وقالت المديرة في مدرسة البنات بمدينة العيون، خديجة منت سيد أحمد، إن المعلمات رحلن. وتابعت: «نطلب بدائل».\n\n"
        "وقال المتحدث باسم الوزارة، محمد المختار ولد أحمد فال: «الدفعة ستصل». وأضاف ولد أحمد فال: «في نوفمبر»."
    )
    assert _quotes(text) == [
        ("لا أستطيع", "أحمدو محمود ولد سيدي بابا", False),
        ("نطلب بدائل", "خديجة منت سيد أحمد", False),
        ("الدفعة ستصل", "محمد المختار ولد أحمد فال", False),
        ("في نوفمبر", "محمد المختار ولد أحمد فال", False),
    ]


def test_a_definite_noun_for_a_person_and_where_they_work_come_before_the_name_in_apposition():
    text = "وقال المريض في قسم الكلى بمستشفى المدينة، سالم ولد محمد: «ننتظر منذ أشهر»."
    assert _quotes(text) == [("ننتظر منذ أشهر", "سالم ولد محمد", False)]


def test_a_person_who_asks_not_to_be_named_is_the_noun_that_describes_them():
    text = (
        "وقال موظف في شركة نقل سياحي صغيرة، طلب عدم ذكر اسمه: «لم نقبض رواتبنا».\n\n"
        "وصرح مدير في شركة حافلات كبرى، فضل عدم الكشف عن هويته، بأن «البلديات لم تدفع». وأضاف المدير: «ننتظر»."
    )
    assert _quotes(text) == [
        ("لم نقبض رواتبنا", "موظف", False),
        ("البلديات لم تدفع", "مدير", True),
        ("ننتظر", "مدير", False),
    ]


def test_an_unnamed_source_after_that_is_named_without_its_case_ending_and_the_source_stands_for_it():
    text = (
        "غير أن مصدرا في المديرية، طلب عدم نشر اسمه، كشف أن الشحنة وصلت. وأضاف المصدر: «ستوزع خلال أيام».\n\n"
        "وتوقع الصيدلي حميد الورزازي أن تعود الأسعار إلى مستواها."
    )
    drafts = [(draft.kind, draft.quote, draft.speaker.name if draft.speaker else None) for draft in extract(text, "ar")]
    assert drafts == [
        ("paraphrase", "الشحنة وصلت", "مصدر"),
        ("quote", "ستوزع خلال أيام", "مصدر"),
        ("paraphrase", "تعود الأسعار إلى مستواها", "حميد الورزازي"),
    ]


def test_a_clause_joined_by_and_that_is_reported_apart_and_a_quotation_in_it_is_a_fragment():
    text = (
        'وأوضح رئيس البلدية، منير القلال، في تصريح لإذاعة "موزاييك"، أن الأشغال انتهت، وأن السوق ستفتح "قبل رمضان".'
        "\n\nوقالت سلوى الجربي إن الإيجارات مرتفعة، وإن التجار يفضلون السوق القديمة."
    )
    drafts = [(draft.kind, draft.quote, draft.fragment) for draft in extract(text, "ar")]
    assert drafts == [
        ("paraphrase", "الأشغال انتهت", False),
        ("quote", "قبل رمضان", True),
        ("paraphrase", "الإيجارات مرتفعة", False),
        ("paraphrase", "التجار يفضلون السوق القديمة", False),
    ]


def test_the_statement_or_report_speaks_for_whoever_issued_it_in_an_earlier_sentence():
    text = (
        "دعت نقابة الممرضين إلى إضراب.\n\n"
        "وقالت النقابة في بيان إن الرواتب فقدت قيمتها. وأضاف البيان: «لن ندفع ثمن الأزمة وحدنا».\n\n"
        "وذكرت منظمة أطباء بلا حدود في تقرير أن الممرضين يغادرون. وأضاف التقرير: «الأقسام تعمل بنصف طاقمها»."
    )
    assert _quotes(text) == [
        ("لن ندفع ثمن الأزمة وحدنا", "نقابة الممرضين", False),
        ("الأقسام تعمل بنصف طاقمها", "منظمة أطباء بلا حدود", False),
    ]


def test_a_quotation_split_by_its_attribution_goes_on_in_its_second_piece():
    text = (
        "«لم نكن في يومنا»، قال المدرب كمال بوشارب ردا على سؤال، «لكننا سنعود».\n\n"
        "«نحن ندعم الفريق»، قالت سميرة بن يحيى، وهي مشجعة، «لكن الإدارة مطالبة بتفسير».\n\n"
        "وقال بوشارب: «الدوري طويل». وأضاف: «سنقاتل»."
    )
    drafts = [(draft.quote, draft.continues) for draft in extract(text, "ar")]
    assert drafts == [
        ("لم نكن في يومنا", None),
        ("لكننا سنعود", 0),
        ("نحن ندعم الفريق", None),
        ("لكن الإدارة مطالبة بتفسير", 2),
        ("الدوري طويل", None),
        ("سنقاتل", None),
    ]


def test_the_name_of_a_school_a_hospital_or_a_restaurant_in_guillemets_is_no_quotation():
    text = "أغلق مطعم «ليالي الشرق» ونقل المصابون إلى مستشفى «الأمل». وقال المدير إن مدرسة «النور» لم تتأثر."
    assert _quotes(text) == []


def test_an_office_with_a_possessive_is_a_role_and_a_definite_given_name_opens_a_name_with_a_particle():
    text = (
        "ونقلت صفحة النادي عن مدربه الجزائري الطاهر بن عمر الحاج قوله إن اللاعبين «عازمون على الفوز».\n\n"
        "ونقلت إذاعة محلية عن محاميه الأستاذ منجي الرياحي قوله: «لم نتسلم أي إشعار»."
    )
    assert _quotes(text) == [
        ("عازمون على الفوز", "الطاهر بن عمر الحاج", True),
        ("لم نتسلم أي إشعار", "منجي الرياحي", False),
    ]


def test_the_clause_after_quoting_someone_with_his_saying_that_is_reported_speech():
    text = (
        "ونقلت الوكالة عن وزير المالية سعيد الكامل قوله إن العجز سينخفض، وإن الضرائب لن ترتفع.\n\n"
        "ونقلت صحيفة «الأهرام» عن منى فريد قولها إن الأرقام «مقلقة»، وإن الديون ستواصل الارتفاع."
    )
    drafts = [(draft.kind, draft.quote, draft.speaker.name if draft.speaker else None) for draft in extract(text, "ar")]
    assert drafts == [
        ("paraphrase", "العجز سينخفض", "سعيد الكامل"),
        ("paraphrase", "الضرائب لن ترتفع", "سعيد الكامل"),
        ("quote", "مقلقة", "منى فريد"),
        ("paraphrase", "الديون ستواصل الارتفاع", "منى فريد"),
    ]


def test_a_quotation_at_the_end_of_a_long_reported_clause_with_commas_is_a_fragment():
    text = (
        "وأكد المدرب، رشيد بن حمو، أن فريقه سيلعب المباراة أمام جماهيره، في ملعب مليء، «من أجل النقاط فقط».\n\n"
        "وقال القائد، يوسف زروقي، إن اللاعبين جاهزون، مضيفا: «الجماهير تستحق الفوز»."
    )
    assert _quotes(text) == [
        ("من أجل النقاط فقط", "رشيد بن حمو", True),
        ("الجماهير تستحق الفوز", "يوسف زروقي", False),
    ]
