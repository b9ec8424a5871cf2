<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Arabic News Annotator</source>
        <translation>حول توسيم الأخبار العربية</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>الإصدار</translation>
    </message>
    <message>
        <source>Project file</source>
        <translation>ملف المشروع</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>النسخ الاحتياطية</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>مجلد البيانات</translation>
    </message>
    <message>
        <source>Window settings</source>
        <translation>إعدادات النافذة</translation>
    </message>
    <message>
        <source>Qt</source>
        <translation>Qt</translation>
    </message>
    <message>
        <source>PySide</source>
        <translation>PySide</translation>
    </message>
    <message>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <source>Arabic News Annotator: entities, claims and quotations with their speakers.</source>
        <translation>توسيم الأخبار العربية: الكيانات والادعاءات والاقتباسات مع قائليها.</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Cannot open the project</source>
        <translation>تعذّر فتح المشروع</translation>
    </message>
    <message>
        <source>The project file is damaged</source>
        <translation>ملف المشروع تالف</translation>
    </message>
    <message>
        <source>Restore backup</source>
        <translation>استعادة النسخة الاحتياطية</translation>
    </message>
    <message>
        <source>Restore failed</source>
        <translation>فشلت الاستعادة</translation>
    </message>
</context>
<context>
    <name>AttributesDialog</name>
    <message>
        <source>{label} attributes</source>
        <translation>سمات {label}</translation>
    </message>
    <message>
        <source>note</source>
        <translation>ملاحظة</translation>
    </message>
</context>
<context>
    <name>BackgroundJob</name>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>جارٍ الإلغاء…</translation>
    </message>
    <message>
        <source>{done} of {total}</source>
        <translation>تم {done} من {total}</translation>
    </message>
</context>
<context>
    <name>Backup</name>
    <message>
        <source>Backup failed</source>
        <translation>فشل النسخ الاحتياطي</translation>
    </message>
    <message>
        <source>No import</source>
        <translation>لم يتم الاستيراد</translation>
    </message>
    <message>
        <source>No merge</source>
        <translation>لم يتم الدمج</translation>
    </message>
    <message>
        <source>Nothing changed: no backup could be made ({problem}).</source>
        <translation>لم يتغير شيء: تعذّر إنشاء نسخة احتياطية ({problem}).</translation>
    </message>
    <message>
        <source>{undo} cannot undo this; the backup taken just before it, {name}, can ({command}).</source>
        <translation>لا يستطيع {undo} التراجع عن هذا؛ لكن النسخة الاحتياطية المأخوذة قبله مباشرة، {name}، تستطيع ({command}).</translation>
    </message>
    <message>
        <source>The project file is damaged</source>
        <translation>ملف المشروع تالف</translation>
    </message>
    <message>
        <source>Automatic backup skipped: {problem}</source>
        <translation>تعذّر أخذ النسخة الاحتياطية التلقائية: {problem}</translation>
    </message>
    <message>
        <source>Backup: {path}</source>
        <translation>النسخة الاحتياطية: {path}</translation>
    </message>
</context>
<context>
    <name>CheckList</name>
    <message>
        <source>All</source>
        <translation>الكل</translation>
    </message>
    <message>
        <source>None</source>
        <translation>لا شيء</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <source>Mark new</source>
        <translation>تعليم كجديد</translation>
    </message>
    <message>
        <source>Mark in progress</source>
        <translation>تعليم كقيد العمل</translation>
    </message>
    <message>
        <source>Mark done</source>
        <translation>تعليم كمنجز</translation>
    </message>
    <message>
        <source>Undo not saved: {problem}</source>
        <translation>لم يُحفظ التراجع: {problem}</translation>
    </message>
    <message>
        <source>Redo not saved: {problem}</source>
        <translation>لم تُحفظ الإعادة: {problem}</translation>
    </message>
    <message>
        <source>Tag {label}</source>
        <translation>وسم {label}</translation>
    </message>
    <message>
        <source>Delete {label}</source>
        <translation>حذف {label}</translation>
    </message>
    <message>
        <source>Link {label}</source>
        <translation>ربط {label}</translation>
    </message>
    <message>
        <source>{label} and {relation}</source>
        <translation>وسم {label} مع {relation}</translation>
    </message>
    <message>
        <source>Unlink {label}</source>
        <translation>فك ربط {label}</translation>
    </message>
    <message>
        <source>Accept {label}</source>
        <translation>قبول {label}</translation>
    </message>
    <message>
        <source>Reject {label}</source>
        <translation>رفض {label}</translation>
    </message>
    <message>
        <source>Accept agreed in {count} doc(s)</source>
        <translation>قبول المتفق عليه في {count} من المستندات</translation>
    </message>
    <message>
        <source>Accept ≥ {k} in {count} doc(s)</source>
        <translation>قبول ≥ {k} في {count} من المستندات</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>gold is the adjudicated layer, not an annotator; open the review window (File ▸ Review disagreements…) to edit it as a reviewer.</source>
        <translation>الطبقة gold هي الطبقة الذهبية المحسومة وليست مُوسِّمًا؛ افتح نافذة المراجعة (ملف ◂ مراجعة الخلافات…) لتحريرها بصفتك مُراجِعًا.</translation>
    </message>
    <message>
        <source>Your name (your annotations are kept in your own layer):</source>
        <translation>اسمك (تُحفظ توسيماتك في طبقتك الخاصة):</translation>
    </message>
    <message>
        <source>Annotator</source>
        <translation>المُوسِّم</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>لم يُحفظ</translation>
    </message>
    <message>
        <source>The edit was not made.</source>
        <translation>لم يُجرَ التعديل.</translation>
    </message>
    <message>
        <source>Nothing changed; press the key again to retry.</source>
        <translation>لم يتغير شيء؛ اضغط المفتاح مرة أخرى للمحاولة من جديد.</translation>
    </message>
</context>
<context>
    <name>DocumentList</name>
    <message>
        <source>Title</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Spans</source>
        <translation>المقاطع</translation>
    </message>
    <message>
        <source>new</source>
        <translation>جديد</translation>
    </message>
    <message>
        <source>… in progress</source>
        <translation>… قيد العمل</translation>
    </message>
    <message>
        <source>✓ done</source>
        <translation>✓ منجز</translation>
    </message>
    <message>
        <source>⤼ skipped</source>
        <translation>⤼ متخطّى</translation>
    </message>
    <message>
        <source>⚑ flagged</source>
        <translation>⚑ مُعلَّم للمراجعة</translation>
    </message>
    <message>
        <source>All</source>
        <translation>الكل</translation>
    </message>
    <message>
        <source>New</source>
        <translation>جديد</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>قيد العمل</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>منجز</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>المتخطّاة</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>المُعلَّمة للمراجعة</translation>
    </message>
</context>
<context>
    <name>DocumentListWidget</name>
    <message>
        <source>Search…</source>
        <translation>بحث…</translation>
    </message>
    <message>
        <source>Search titles and texts (harakat and letter forms ignored); from 3 letters as you type, shorter on Enter</source>
        <translation>البحث في العناوين والنصوص (مع تجاهل الحركات وأشكال الحروف)؛ من 3 أحرف أثناء الكتابة، والأقصر عند الضغط على Enter</translation>
    </message>
    <message>
        <source>{done} of {total} done</source>
        <translation>أُنجز {done} من {total}</translation>
    </message>
    <message>
        <source>{shown} shown</source>
        <translation>المعروض {shown}</translation>
    </message>
</context>
<context>
    <name>Editor</name>
    <message>
        <source>Select some text first, then press a label key.</source>
        <translation>حدّد نصًا أولًا ثم اضغط مفتاح وسم.</translation>
    </message>
    <message>
        <source>Relabel as {label}</source>
        <translation>إعادة الوسم إلى {label}</translation>
    </message>
    <message>
        <source>Edit attributes</source>
        <translation>تحرير السمات</translation>
    </message>
    <message>
        <source>No span is selected.</source>
        <translation>لا يوجد مقطع محدد.</translation>
    </message>
    <message>
        <source>Move start of {label}</source>
        <translation>تحريك بداية {label}</translation>
    </message>
    <message>
        <source>Move end of {label}</source>
        <translation>تحريك نهاية {label}</translation>
    </message>
    <message>
        <source>Select text or a span to trim its proclitic.</source>
        <translation>حدّد نصًا أو مقطعًا لقصّ سابقته المتصلة.</translation>
    </message>
    <message>
        <source>Trim proclitic</source>
        <translation>قصّ السابقة المتصلة</translation>
    </message>
    <message>
        <source>Tag or click a quote (or claim) first, then its speaker.</source>
        <translation>سِم اقتباسًا (أو ادعاءً) أو انقر عليه أولًا، ثم على قائله.</translation>
    </message>
    <message>
        <source>Tag or click a span of the {kinds} kind first, then its link.</source>
        <translation>سِم مقطعًا من نوع {kinds} أو انقر عليه أولًا، ثم على ما يرتبط به.</translation>
    </message>
    <message>
        <source>Select the speaker&apos;s words or click the speaker&apos;s span.</source>
        <translation>حدّد كلمات القائل أو انقر على مقطعه.</translation>
    </message>
    <message>
        <source>{relation} takes no label of the {kind} kind: click or select an existing span to link to.</source>
        <translation>لا تقبل {relation} وسمًا من نوع {kind}: انقر على مقطع موجود أو حدّده لربطه.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>{gold} (the adjudicated layer)</source>
        <translation>الطبقة المحسومة ({gold})</translation>
    </message>
    <message>
        <source>Export annotations</source>
        <translation>تصدير التوسيمات</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>الصيغة</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>اختيار…</translation>
    </message>
    <message>
        <source>Save to</source>
        <translation>الحفظ في</translation>
    </message>
    <message>
        <source>Which annotations</source>
        <translation>أي التوسيمات</translation>
    </message>
    <message>
        <source>Annotators</source>
        <translation>المُوسِّمون</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>الوسوم</translation>
    </message>
    <message>
        <source>Only documents marked done (by the layer&apos;s annotator)</source>
        <translation>المستندات المعلَّمة كمنجزة فقط (من قِبل مُوسِّم الطبقة)</translation>
    </message>
    <message>
        <source>Format settings</source>
        <translation>إعدادات الصيغة</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>تصدير</translation>
    </message>
    <message>
        <source>{format}: settings</source>
        <translation>إعدادات {format}</translation>
    </message>
    <message>
        <source>Save to folder</source>
        <translation>الحفظ في مجلد</translation>
    </message>
    <message>
        <source>Save to file</source>
        <translation>الحفظ في ملف</translation>
    </message>
    <message>
        <source>Export to a new folder</source>
        <translation>التصدير إلى مجلد جديد</translation>
    </message>
    <message>
        <source>Folder (*)</source>
        <translation>مجلد (*)</translation>
    </message>
    <message>
        <source>Export to a file</source>
        <translation>التصدير إلى ملف</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>كل الملفات (*)</translation>
    </message>
    <message>
        <source>Choose where to export.</source>
        <translation>اختر مكان التصدير.</translation>
    </message>
    <message>
        <source>Tick at least one annotator: this would export nothing.</source>
        <translation>اختر مُوسِّمًا واحدًا على الأقل: وإلا فلن يُصدَّر شيء.</translation>
    </message>
    <message>
        <source>Tick at least one label: this would export nothing.</source>
        <translation>اختر وسمًا واحدًا على الأقل: وإلا فلن يُصدَّر شيء.</translation>
    </message>
    <message>
        <source>Replace the file?</source>
        <translation>استبدال الملف؟</translation>
    </message>
    <message>
        <source>{path} exists already. Replace it?</source>
        <translation>الملف {path} موجود مسبقًا. هل تريد استبداله؟</translation>
    </message>
    <message>
        <source>Written to {path}</source>
        <translation>كُتب في {path}</translation>
    </message>
    <message>
        <source>What this format could not carry, or changed:</source>
        <translation>ما لم تستطع هذه الصيغة حمله أو ما غيّرته:</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>تم التصدير</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find — ignores harakat, tatweel, أ/إ/آ, ى, ة</source>
        <translation>بحث — يتجاهل الحركات والتطويل وأ/إ/آ وى وة</translation>
    </message>
    <message>
        <source>All documents</source>
        <translation>كل المستندات</translation>
    </message>
    <message>
        <source>{count} found</source>
        <translation>النتائج: {count}</translation>
    </message>
</context>
<context>
    <name>FormatChooser</name>
    <message>
        <source>Choose the format</source>
        <translation>اختر الصيغة</translation>
    </message>
    <message>
        <source>… and {count} more</source>
        <translation>… و{count} غيرها</translation>
    </message>
    <message>
        <source>Read every chosen file in this format:</source>
        <translation>اقرأ الملف المختار بهذه الصيغة:</translation>
    </message>
    <message>
        <source>Read all {count} chosen files in this format:</source>
        <translation>اقرأ الملفات المختارة جميعها ({count}) بهذه الصيغة:</translation>
    </message>
    <message>
        <source>Cannot tell the format of:</source>
        <translation>تعذّر تحديد صيغة:</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>استيراد</translation>
    </message>
</context>
<context>
    <name>FormatSettings</name>
    <message>
        <source>{format} has no settings.</source>
        <translation>لا إعدادات للصيغة {format}.</translation>
    </message>
    <message>
        <source>default</source>
        <translation>الافتراضي</translation>
    </message>
</context>
<context>
    <name>GuidelinesPanel</name>
    <message>
        <source>Guidelines</source>
        <translation>الإرشادات</translation>
    </message>
    <message>
        <source>Store a Markdown file…</source>
        <translation>حفظ ملف Markdown…</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>الوسوم</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>المستند</translation>
    </message>
    <message>
        <source>No guidelines document in this project yet. Store one with the button below, or from the command line:</source>
        <translation>لا يحتوي هذا المشروع على مستند إرشادات بعد. احفظ واحدًا بالزر أدناه أو من سطر الأوامر:</translation>
    </message>
    <message>
        <source>Guidelines document</source>
        <translation>مستند الإرشادات</translation>
    </message>
    <message>
        <source>Markdown (*.md *.txt)</source>
        <translation>Markdown (*.md *.txt)</translation>
    </message>
</context>
<context>
    <name>HelpMenu</name>
    <message>
        <source>&amp;Labels…</source>
        <translation>&amp;الوسوم…</translation>
    </message>
    <message>
        <source>Undo scheme change:</source>
        <translation>التراجع عن تغيير المخطط:</translation>
    </message>
    <message>
        <source>Redo scheme change:</source>
        <translation>إعادة تغيير المخطط:</translation>
    </message>
    <message>
        <source>&amp;Guidelines</source>
        <translation>الإ&amp;رشادات</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;مساعدة</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>ا&amp;ختصارات لوحة المفاتيح</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>&amp;حول</translation>
    </message>
</context>
<context>
    <name>IO</name>
    <message>
        <source>Import cancelled; nothing was stored.</source>
        <translation>أُلغي الاستيراد؛ لم يُحفظ شيء.</translation>
    </message>
    <message>
        <source>Import failed: {problem}</source>
        <translation>فشل الاستيراد: {problem}</translation>
    </message>
    <message>
        <source>Imported {added} new document(s) ({existing} already present)</source>
        <translation>استُورد {added} من المستندات الجديدة ({existing} موجود مسبقًا)</translation>
    </message>
    <message>
        <source>, {spans} span(s), {relations} relation(s)</source>
        <translation>، و{spans} من المقاطع، و{relations} من العلاقات</translation>
    </message>
    <message>
        <source>; {count} skipped</source>
        <translation>؛ وتُخطّي {count}</translation>
    </message>
    <message>
        <source>Export cancelled; nothing was written.</source>
        <translation>أُلغي التصدير؛ لم يُكتب شيء.</translation>
    </message>
    <message>
        <source>Export failed: {problem}</source>
        <translation>فشل التصدير: {problem}</translation>
    </message>
    <message>
        <source>Exported {count} {unit}, {spans} span(s), {relations} relation(s) to {name}.</source>
        <translation>صُدِّر {count} {unit}، و{spans} من المقاطع، و{relations} من العلاقات إلى {name}.</translation>
    </message>
    <message>
        <source>Importing {name}…</source>
        <translation>جارٍ استيراد {name}…</translation>
    </message>
    <message>
        <source>Importing {count} items…</source>
        <translation>جارٍ استيراد {count} من العناصر…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>استيراد</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>تصدير</translation>
    </message>
    <message>
        <source>Exporting to {name}…</source>
        <translation>جارٍ التصدير إلى {name}…</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>فشل الاستيراد</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>فشل التصدير</translation>
    </message>
    <message>
        <source>Import a folder</source>
        <translation>استيراد مجلد</translation>
    </message>
</context>
<context>
    <name>ImportFormats</name>
    <message>
        <source>Articles and annotations</source>
        <translation>المقالات والتوسيمات</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>المقالات</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>كل الملفات (*)</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>استيراد</translation>
    </message>
</context>
<context>
    <name>ImportSettings</name>
    <message>
        <source>articles (.txt)</source>
        <translation>مقالات (.txt)</translation>
    </message>
</context>
<context>
    <name>ImportSettingsDialog</name>
    <message>
        <source>Import settings</source>
        <translation>إعدادات الاستيراد</translation>
    </message>
    <message>
        <source>Files, and the format each is read in</source>
        <translation>الملفات، والصيغة التي يُقرأ بها كل منها</translation>
    </message>
    <message>
        <source>Layers and labels</source>
        <translation>الطبقات والوسوم</translation>
    </message>
    <message>
        <source>Layer for annotations that name no annotator</source>
        <translation>طبقة التوسيمات التي لا تذكر مُوسِّمها</translation>
    </message>
    <message>
        <source>Files that name their annotators keep those layers.</source>
        <translation>تحتفظ الملفات التي تذكر مُوسِّميها بطبقاتهم.</translation>
    </message>
    <message>
        <source>Add labels the files use that the project lacks</source>
        <translation>إضافة الوسوم التي تستخدمها الملفات ولا يحتويها المشروع</translation>
    </message>
    <message>
        <source>Unticked, a file using such a label is refused whole.</source>
        <translation>إن لم يُختر هذا، يُرفض الملف الذي يستخدم وسمًا كهذا بأكمله.</translation>
    </message>
    <message>
        <source>Write the gold layer as reviewer {name}</source>
        <translation>كتابة الطبقة الذهبية بصفتك المُراجِع {name}</translation>
    </message>
    <message>
        <source>Unticked, a file with a gold layer is refused.</source>
        <translation>إن لم يُختر هذا، يُرفض الملف الذي يحتوي طبقة ذهبية.</translation>
    </message>
    <message>
        <source>{format}: settings</source>
        <translation>إعدادات {format}</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>استيراد</translation>
    </message>
    <message>
        <source>… and {count} more</source>
        <translation>… و{count} غيرها</translation>
    </message>
</context>
<context>
    <name>LabelBar</name>
    <message>
        <source>{name}, exact characters</source>
        <translation>بأحرف مضبوطة: {name}</translation>
    </message>
</context>
<context>
    <name>LabelEdits</name>
    <message>
        <source>Undo</source>
        <translation>تراجع</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>إعادة</translation>
    </message>
    <message>
        <source>Add label {name}</source>
        <translation>إضافة الوسم {name}</translation>
    </message>
    <message>
        <source>Retire label {name}</source>
        <translation>سحب الوسم {name}</translation>
    </message>
    <message>
        <source>Import labels from {file}</source>
        <translation>استيراد الوسوم من {file}</translation>
    </message>
    <message>
        <source>Guidelines from {file}</source>
        <translation>الإرشادات من {file}</translation>
    </message>
</context>
<context>
    <name>LabelText</name>
    <message>
        <source>entity</source>
        <translation>كيان</translation>
    </message>
    <message>
        <source>claim</source>
        <translation>ادعاء</translation>
    </message>
    <message>
        <source>quote</source>
        <translation>اقتباس</translation>
    </message>
    <message>
        <source>speaker</source>
        <translation>قائل</translation>
    </message>
    <message>
        <source>relation</source>
        <translation>علاقة</translation>
    </message>
    <message>
        <source>key {key}</source>
        <translation>المفتاح {key}</translation>
    </message>
    <message>
        <source>Examples: {examples}</source>
        <translation>أمثلة: {examples}</translation>
    </message>
</context>
<context>
    <name>LabelsDialog</name>
    <message>
        <source>Labels</source>
        <translation>الوسوم</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>المفتاح</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>النوع</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>الوصف</translation>
    </message>
    <message>
        <source>Examples (separated by |)</source>
        <translation>أمثلة (مفصولة بـ |)</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>تراجع</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>إعادة</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;إضافة</translation>
    </message>
    <message>
        <source>&amp;Retire</source>
        <translation>&amp;سحب</translation>
    </message>
    <message>
        <source>&amp;Colour…</source>
        <translation>&amp;اللون…</translation>
    </message>
    <message>
        <source>&amp;Import scheme…</source>
        <translation>ا&amp;ستيراد مخطط…</translation>
    </message>
    <message>
        <source>&amp;Export scheme…</source>
        <translation>&amp;تصدير مخطط…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <source>F2 or a double click edits a cell; Ins adds a label, Del retires one (only while no span uses it). Every change is saved at once and can be undone.</source>
        <translation>يحرّر F2 أو النقر المزدوج خلية؛ ويضيف Ins وسمًا، ويسحب Del وسمًا (ما دام لا يستخدمه أي مقطع). يُحفظ كل تغيير فورًا ويمكن التراجع عنه.</translation>
    </message>
    <message>
        <source>Rename {old} to {new}</source>
        <translation>إعادة تسمية {old} إلى {new}</translation>
    </message>
    <message>
        <source>Key of {name}</source>
        <translation>مفتاح {name}</translation>
    </message>
    <message>
        <source>Describe {name}</source>
        <translation>وصف {name}</translation>
    </message>
    <message>
        <source>Examples of {name}</source>
        <translation>أمثلة {name}</translation>
    </message>
    <message>
        <source>Kind of {name}</source>
        <translation>نوع {name}</translation>
    </message>
    <message>
        <source>Colour of {name}</source>
        <translation>لون {name}</translation>
    </message>
    <message>
        <source>Recolour {name}</source>
        <translation>تغيير لون {name}</translation>
    </message>
    <message>
        <source>Import label scheme</source>
        <translation>استيراد مخطط الوسوم</translation>
    </message>
    <message>
        <source>Label scheme (*.json)</source>
        <translation>مخطط الوسوم (*.json)</translation>
    </message>
    <message>
        <source>{file}: every label is in the project already</source>
        <translation>كل وسوم {file} موجودة في المشروع مسبقًا</translation>
    </message>
    <message>
        <source>Export label scheme</source>
        <translation>تصدير مخطط الوسوم</translation>
    </message>
    <message>
        <source>Scheme written to {file}</source>
        <translation>كُتب المخطط في {file}</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>The interface language is {language}.</source>
        <translation>لغة الواجهة هي {language}.</translation>
    </message>
    <message>
        <source>The interface will be in {language} when the annotator is started again.</source>
        <translation>ستكون الواجهة باللغة {language} عند تشغيل البرنامج من جديد.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Arabic News Annotator — {project}</source>
        <translation>توسيم الأخبار العربية — {project}</translation>
    </message>
    <message>
        <source>Click a span first.</source>
        <translation>انقر على مقطع أولًا.</translation>
    </message>
    <message>
        <source>Switch annotator</source>
        <translation>تبديل المُوسِّم</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>فشل الاستيراد</translation>
    </message>
    <message>
        <source>Backup: {path}</source>
        <translation>النسخة الاحتياطية: {path}</translation>
    </message>
    <message>
        <source>Merge failed</source>
        <translation>فشل الدمج</translation>
    </message>
    <message>
        <source>Merged</source>
        <translation>تم الدمج</translation>
    </message>
    <message>
        <source>Annotator: {name}</source>
        <translation>المُوسِّم: {name}</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;ملف</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;استيراد…</translation>
    </message>
    <message>
        <source>Import &amp;folder…</source>
        <translation>استيراد &amp;مجلد…</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;تصدير…</translation>
    </message>
    <message>
        <source>&amp;Merge annotators&apos; projects…</source>
        <translation>&amp;دمج مشاريع المُوسِّمين…</translation>
    </message>
    <message>
        <source>&amp;Review disagreements…</source>
        <translation>م&amp;راجعة الخلافات…</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>&amp;نسخ احتياطي الآن</translation>
    </message>
    <message>
        <source>Switch &amp;annotator…</source>
        <translation>تبديل ال&amp;مُوسِّم…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;خروج</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;تحرير</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;تراجع</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;إعادة</translation>
    </message>
    <message>
        <source>&amp;Delete span</source>
        <translation>&amp;حذف المقطع</translation>
    </message>
    <message>
        <source>&amp;Trim proclitic (و ف ب ل ك ال)</source>
        <translation>&amp;قصّ السابقة المتصلة (و ف ب ل ك ال)</translation>
    </message>
    <message>
        <source>Edit &amp;attributes…</source>
        <translation>تحرير ال&amp;سمات…</translation>
    </message>
    <message>
        <source>Extend end</source>
        <translation>مدّ النهاية</translation>
    </message>
    <message>
        <source>Shrink end</source>
        <translation>تقليص النهاية</translation>
    </message>
    <message>
        <source>Extend start</source>
        <translation>مدّ البداية</translation>
    </message>
    <message>
        <source>Shrink start</source>
        <translation>تقليص البداية</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;بحث…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;عرض</translation>
    </message>
    <message>
        <source>&amp;Refresh (another window&apos;s edits)</source>
        <translation>&amp;تحديث (تعديلات نافذة أخرى)</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>&amp;تكبير</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>ت&amp;صغير</translation>
    </message>
    <message>
        <source>E&amp;xact characters (no snapping to words)</source>
        <translation>أحرف م&amp;ضبوطة (دون الالتصاق بالكلمات)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;انتقال</translation>
    </message>
    <message>
        <source>&amp;Next document</source>
        <translation>المستند ال&amp;تالي</translation>
    </message>
    <message>
        <source>&amp;Previous document</source>
        <translation>المستند ال&amp;سابق</translation>
    </message>
    <message>
        <source>Mark &amp;done and go on</source>
        <translation>تعليم كم&amp;نجز والمتابعة</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;اللغة</translation>
    </message>
    <message>
        <source>&amp;Dark mode</source>
        <translation>ال&amp;وضع الداكن</translation>
    </message>
</context>
<context>
    <name>Merge</name>
    <message>
        <source>Merge annotators&apos; projects</source>
        <translation>دمج مشاريع المُوسِّمين</translation>
    </message>
    <message>
        <source>Annotation projects (*.db *.sqlite)</source>
        <translation>مشاريع التوسيم (*.db *.sqlite)</translation>
    </message>
    <message>
        <source>Merging {name}…</source>
        <translation>جارٍ دمج {name}…</translation>
    </message>
    <message>
        <source>Merging {count} projects…</source>
        <translation>جارٍ دمج {count} من المشاريع…</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>دمج</translation>
    </message>
</context>
<context>
    <name>ModelTraining</name>
    <message>
        <source>Training cancelled; no model was written.</source>
        <translation>أُلغي التدريب؛ لم يُكتب أي نموذج.</translation>
    </message>
    <message>
        <source>Training could not start: {python}</source>
        <translation>تعذّر بدء التدريب: {python}</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <source>Reason:</source>
        <translation>السبب:</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>ملاحظة:</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>النص:</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>إزالة</translation>
    </message>
</context>
<context>
    <name>Notes</name>
    <message>
        <source>Unclear</source>
        <translation>غير واضح</translation>
    </message>
    <message>
        <source>Bad text</source>
        <translation>نص رديء</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>مكرر</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>أخرى</translation>
    </message>
    <message>
        <source>Skip document</source>
        <translation>تخطّي المستند</translation>
    </message>
    <message>
        <source>Flag for reviewer</source>
        <translation>تعليم للمراجعة</translation>
    </message>
    <message>
        <source>Take back skip</source>
        <translation>التراجع عن التخطّي</translation>
    </message>
    <message>
        <source>Unflag</source>
        <translation>إزالة علامة المراجعة</translation>
    </message>
    <message>
        <source>Comment on span</source>
        <translation>تعليق على المقطع</translation>
    </message>
    <message>
        <source>Comment on document</source>
        <translation>تعليق على المستند</translation>
    </message>
    <message>
        <source>Open a document first.</source>
        <translation>افتح مستندًا أولًا.</translation>
    </message>
    <message>
        <source>Why skip this document? (the reviewer sees it)</source>
        <translation>لماذا تتخطّى هذا المستند؟ (يراه المُراجِع)</translation>
    </message>
    <message>
        <source>What should the reviewer look at?</source>
        <translation>ما الذي ينبغي أن يراجعه المُراجِع؟</translation>
    </message>
    <message>
        <source>Your comment:</source>
        <translation>تعليقك:</translation>
    </message>
    <message>
        <source>Click a span first.</source>
        <translation>انقر على مقطع أولًا.</translation>
    </message>
    <message>
        <source>Your comment on {label} “{text}”:</source>
        <translation>تعليقك على {label} «{text}»:</translation>
    </message>
    <message>
        <source>&amp;Skip document…</source>
        <translation>&amp;تخطّي المستند…</translation>
    </message>
    <message>
        <source>F&amp;lag for reviewer…</source>
        <translation>تعليم لل&amp;مراجعة…</translation>
    </message>
    <message>
        <source>&amp;Comment on document…</source>
        <translation>تعليق على ال&amp;مستند…</translation>
    </message>
    <message>
        <source>Comment on &amp;span…</source>
        <translation>تعليق على الم&amp;قطع…</translation>
    </message>
    <message>
        <source>&amp;Progress…</source>
        <translation>ال&amp;تقدّم…</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>المتخطّاة</translation>
    </message>
    <message>
        <source>Flagged: {reason}</source>
        <translation>مُعلَّم للمراجعة: {reason}</translation>
    </message>
    <message>
        <source>On this span:</source>
        <translation>على هذا المقطع:</translation>
    </message>
    <message>
        <source>All documents</source>
        <translation>كل المستندات</translation>
    </message>
    <message>
        <source>⚑ Flagged</source>
        <translation>⚑ مُعلَّم للمراجعة</translation>
    </message>
    <message>
        <source>⤼ Skipped</source>
        <translation>⤼ متخطّى</translation>
    </message>
    <message>
        <source>✎ Commented</source>
        <translation>✎ عليه تعليق</translation>
    </message>
    <message>
        <source>Any note</source>
        <translation>أي ملاحظة</translation>
    </message>
</context>
<context>
    <name>Operations</name>
    <message>
        <source>Not saved: {problem}</source>
        <translation>لم يُحفظ: {problem}</translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <source>Progress</source>
        <translation>التقدّم</translation>
    </message>
    <message>
        <source>Annotator</source>
        <translation>المُوسِّم</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>منجز</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>قيد العمل</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>المتخطّاة</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>المُعلَّمة للمراجعة</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>التعليقات</translation>
    </message>
    <message>
        <source>Spans</source>
        <translation>المقاطع</translation>
    </message>
    <message>
        <source>{documents} documents in the project · {people} annotators</source>
        <translation>المستندات في المشروع: {documents} · المُوسِّمون: {people}</translation>
    </message>
    <message>
        <source>%v of %m</source>
        <translation>%v من %m</translation>
    </message>
</context>
<context>
    <name>QGnomeTheme</name>
    <message>
        <source>&amp;OK</source>
        <translation>&amp;موافق</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;إلغاء</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;إغلاق</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;حفظ</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>موافق</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>حفظ</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>إعادة المحاولة</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>تطبيق</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>فتح</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>تجاهل</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>إيقاف</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>تجاهل التغييرات</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>إعادة تعيين</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>استعادة الافتراضيات</translation>
    </message>
</context>
<context>
    <name>Retraining</name>
    <message>
        <source>Retraining your model on your newest spans, in the background…</source>
        <translation>جارٍ إعادة تدريب نموذجك على أحدث مقاطعك، في الخلفية…</translation>
    </message>
</context>
<context>
    <name>Review</name>
    <message>
        <source>✓ gold</source>
        <translation>✓ ذهبي</translation>
    </message>
    <message>
        <source>✗ rejected</source>
        <translation>✗ مرفوض</translation>
    </message>
</context>
<context>
    <name>ReviewWindow</name>
    <message>
        <source>●●● all agree</source>
        <translation>●●● الجميع متفقون</translation>
    </message>
    <message>
        <source>●●○ some</source>
        <translation>●●○ بعضهم</translation>
    </message>
    <message>
        <source>●○○ one</source>
        <translation>●○○ واحد</translation>
    </message>
    <message>
        <source>— the number on a span: how many annotators marked it</source>
        <translation>— الرقم على المقطع: عدد المُوسِّمين الذين علّموه</translation>
    </message>
    <message>
        <source>Review — {project} — {reviewer}</source>
        <translation>المراجعة — {project} — {reviewer}</translation>
    </message>
    <message>
        <source>Merged: every annotator&apos;s spans</source>
        <translation>المدموج: مقاطع كل المُوسِّمين</translation>
    </message>
    <message>
        <source>Gold (edit with the label keys, Delete)</source>
        <translation>الطبقة الذهبية (تُحرَّر بمفاتيح الوسوم وDelete)</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>&amp;مراجعة</translation>
    </message>
    <message>
        <source>&amp;Accept into gold</source>
        <translation>&amp;قبول في الطبقة الذهبية</translation>
    </message>
    <message>
        <source>&amp;Reject</source>
        <translation>&amp;رفض</translation>
    </message>
    <message>
        <source>Accept all &amp;agreed spans and links of this document</source>
        <translation>قبول كل المقاطع والروابط ال&amp;متفق عليها في هذا المستند</translation>
    </message>
    <message>
        <source>Accept what at least &amp;k annotators marked…</source>
        <translation>قبول ما علّمه &amp;k من المُوسِّمين على الأقل…</translation>
    </message>
    <message>
        <source>Accept all agreed spans and links in &amp;every document</source>
        <translation>قبول كل المقاطع والروابط المتفق عليها في &amp;كل المستندات</translation>
    </message>
    <message>
        <source>Delete the gold span</source>
        <translation>حذف المقطع الذهبي</translation>
    </message>
    <message>
        <source>Mark gold &amp;done and go on</source>
        <translation>تعليم الطبقة الذهبية كم&amp;نجزة والمتابعة</translation>
    </message>
    <message>
        <source>&amp;Next document</source>
        <translation>المستند ال&amp;تالي</translation>
    </message>
    <message>
        <source>&amp;Previous document</source>
        <translation>المستند ال&amp;سابق</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;إغلاق</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;تحرير</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;تراجع</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;إعادة</translation>
    </message>
    <message>
        <source>Undo in &amp;every document:</source>
        <translation>تراجع في &amp;كل المستندات:</translation>
    </message>
    <message>
        <source>Redo in e&amp;very document:</source>
        <translation>إعادة في ك&amp;ل المستندات:</translation>
    </message>
    <message>
        <source>all agree</source>
        <translation>الجميع متفقون</translation>
    </message>
    <message>
        <source>some</source>
        <translation>بعضهم</translation>
    </message>
    <message>
        <source>one</source>
        <translation>واحد</translation>
    </message>
    <message>
        <source>{label} — {agreement}: {count} of {of} ({who})</source>
        <translation>الوسم {label} — {agreement}: {count} من {of} ({who})</translation>
    </message>
    <message>
        <source>gold new</source>
        <translation>الذهبية جديدة</translation>
    </message>
    <message>
        <source>gold in progress</source>
        <translation>الذهبية قيد العمل</translation>
    </message>
    <message>
        <source>gold done</source>
        <translation>الذهبية منجزة</translation>
    </message>
    <message>
        <source>{done} of {total} candidates decided · {layers} layers</source>
        <translation>حُسم {done} من {total} من المرشحين · الطبقات: {layers}</translation>
    </message>
    <message>
        <source>Accept by threshold</source>
        <translation>القبول حسب العتبة</translation>
    </message>
    <message>
        <source>Accept spans marked by at least k annotators:</source>
        <translation>قبول المقاطع التي علّمها k من المُوسِّمين على الأقل:</translation>
    </message>
    <message>
        <source>{spans} spans and {links} links accepted into gold (Edit ▸ Undo in every document takes them back)</source>
        <translation>قُبل {spans} من المقاطع و{links} من الروابط في الطبقة الذهبية (تحرير ◂ تراجع في كل المستندات يعيدها)</translation>
    </message>
</context>
<context>
    <name>SchemeView</name>
    <message>
        <source>key {key}</source>
        <translation>المفتاح {key}</translation>
    </message>
    <message>
        <source>Examples:</source>
        <translation>أمثلة:</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>اختصارات لوحة المفاتيح</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>الأمر</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>المفاتيح</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>الوسوم</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>أخرى</translation>
    </message>
</context>
<context>
    <name>SpanLinks</name>
    <message>
        <source>Links: click a span</source>
        <translation>الروابط: انقر على مقطع</translation>
    </message>
    <message numerus="yes">
        <source>Links of this span (%n)</source>
        <translation>
            <numerusform>روابط هذا المقطع (%n)</numerusform>
            <numerusform>روابط هذا المقطع (%n)</numerusform>
            <numerusform>روابط هذا المقطع (%n)</numerusform>
            <numerusform>روابط هذا المقطع (%n)</numerusform>
            <numerusform>روابط هذا المقطع (%n)</numerusform>
            <numerusform>روابط هذا المقطع (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Links of this span: none</source>
        <translation>روابط هذا المقطع: لا شيء</translation>
    </message>
</context>
<context>
    <name>SuggestionCommands</name>
    <message>
        <source>Accept {label}</source>
        <translation>قبول {label}</translation>
    </message>
    <message>
        <source>Accept {n} suggestions</source>
        <translation>قبول {n} من الاقتراحات</translation>
    </message>
    <message>
        <source>Reject {label}</source>
        <translation>رفض {label}</translation>
    </message>
</context>
<context>
    <name>SuggestionController</name>
    <message>
        <source>No suggestions in this document.</source>
        <translation>لا اقتراحات في هذا المستند.</translation>
    </message>
    <message>
        <source>No suggestion chosen: N moves to the next one.</source>
        <translation>لم يُختر أي اقتراح: ينقلك N إلى الاقتراح التالي.</translation>
    </message>
</context>
<context>
    <name>SuggestionMarks</name>
    <message>
        <source>Suggestion ({layer}): {label}, {sure}%</source>
        <translation>اقتراح ({layer}): {label}، {sure}%</translation>
    </message>
    <message>
        <source>A accept · X reject · N next</source>
        <translation>قبول: A · رفض: X · التالي: N</translation>
    </message>
</context>
<context>
    <name>SuggestionsMenu</name>
    <message>
        <source>&amp;Suggestions</source>
        <translation>الا&amp;قتراحات</translation>
    </message>
    <message>
        <source>&amp;Next suggestion</source>
        <translation>الاقتراح ال&amp;تالي</translation>
    </message>
    <message>
        <source>&amp;Previous suggestion</source>
        <translation>الاقتراح ال&amp;سابق</translation>
    </message>
    <message>
        <source>&amp;Accept suggestion</source>
        <translation>&amp;قبول الاقتراح</translation>
    </message>
    <message>
        <source>&amp;Reject suggestion</source>
        <translation>&amp;رفض الاقتراح</translation>
    </message>
    <message>
        <source>Accept a&amp;ll in this document</source>
        <translation>قبول ال&amp;كل في هذا المستند</translation>
    </message>
    <message>
        <source>&amp;Show suggestions</source>
        <translation>&amp;عرض الاقتراحات</translation>
    </message>
    <message>
        <source>Quotes and speakers (rules)</source>
        <translation>الاقتباسات وقائلوها (قواعد)</translation>
    </message>
    <message>
        <source>What I tagged, elsewhere (propagation)</source>
        <translation>ما وسمتُه، في مواضع أخرى (تعميم)</translation>
    </message>
    <message>
        <source>Entities from my model</source>
        <translation>كيانات من نموذجي</translation>
    </message>
    <message>
        <source>Model threshold</source>
        <translation>عتبة النموذج</translation>
    </message>
    <message>
        <source>Show the model&apos;s suggestions from this confidence up (0–1):</source>
        <translation>عرض اقتراحات النموذج بدءًا من درجة الثقة هذه (0–1):</translation>
    </message>
    <message>
        <source>Model &amp;threshold…</source>
        <translation>&amp;عتبة النموذج…</translation>
    </message>
    <message>
        <source>Training your model in the background…</source>
        <translation>جارٍ تدريب نموذجك في الخلفية…</translation>
    </message>
    <message>
        <source>Model trained: </source>
        <translation>دُرِّب النموذج: </translation>
    </message>
    <message>
        <source>Model not trained: </source>
        <translation>لم يُدرَّب النموذج: </translation>
    </message>
    <message>
        <source>&amp;Train my model</source>
        <translation>&amp;تدريب نموذجي</translation>
    </message>
    <message>
        <source>&amp;Cancel training</source>
        <translation>&amp;إلغاء التدريب</translation>
    </message>
    <message>
        <source>&amp;Retrain as I annotate</source>
        <translation>&amp;إعادة التدريب أثناء التوسيم</translation>
    </message>
</context>
<context>
    <name>Tables</name>
    <message>
        <source>Agreement</source>
        <translation>الاتفاق</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>النص</translation>
    </message>
    <message>
        <source>Marked by</source>
        <translation>علّمه</translation>
    </message>
    <message>
        <source>Gold</source>
        <translation>الذهبية</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>الطبقات</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>الملاحظات</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>التفاصيل</translation>
    </message>
</context>
</TS>
