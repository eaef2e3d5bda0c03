<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>FileActions</name>
    <message numerus="yes">
        <source>Move these %Ln item(s) to the recycle bin?</source>
        <translation>
            <numerusform>Move this %Ln item to the recycle bin?</numerusform>
            <numerusform>Move these %Ln items to the recycle bin?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s) could not be deleted: %1</source>
        <translation>
            <numerusform>%Ln item could not be deleted: %1</numerusform>
            <numerusform>%Ln items could not be deleted: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchDialog</name>
    <message numerus="yes">
        <source>%n item(s) found for “%1”</source>
        <translation>
            <numerusform>%n item found for “%1”</numerusform>
            <numerusform>%n items found for “%1”</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Sizes</name>
    <message numerus="yes">
        <source>%Ln byte(s)</source>
        <translation>
            <numerusform>%Ln byte</numerusform>
            <numerusform>%Ln bytes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StatusLine</name>
    <message numerus="yes">
        <source>%Ln+ item(s)</source>
        <translation>
            <numerusform>%Ln+ items</numerusform>
            <numerusform>%Ln+ items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s)</source>
        <translation>
            <numerusform>%Ln item</numerusform>
            <numerusform>%Ln items</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TransferActions</name>
    <message numerus="yes">
        <source>%Ln items skipped, among them %1</source>
        <translation>
            <numerusform>%Ln item skipped: %1</numerusform>
            <numerusform>%Ln items skipped, among them %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln items renamed, among them %1</source>
        <translation>
            <numerusform>%Ln item renamed: %1</numerusform>
            <numerusform>%Ln items renamed, among them %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Uploading %Ln file(s)…</source>
        <translation>
            <numerusform>Uploading %Ln file…</numerusform>
            <numerusform>Uploading %Ln files…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %Ln more</source>
        <translation>
            <numerusform>… and %Ln more</numerusform>
            <numerusform>… and %Ln more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln name(s) cannot be used as they are:</source>
        <translation>
            <numerusform>%Ln name cannot be used as it is:</numerusform>
            <numerusform>%Ln names cannot be used as they are:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln items not downloaded, among them %1</source>
        <translation>
            <numerusform>%Ln item not downloaded: %1</numerusform>
            <numerusform>%Ln items not downloaded, among them %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln file(s) left out: the service makes no thumbnails of their kind</source>
        <translation>
            <numerusform>%Ln file left out: the service makes no thumbnails of its kind</numerusform>
            <numerusform>%Ln files left out: the service makes no thumbnails of their kind</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TransferNotifier</name>
    <message numerus="yes">
        <source>%Ln file(s) uploaded to %1</source>
        <translation>
            <numerusform>%Ln file uploaded to %1</numerusform>
            <numerusform>%Ln files uploaded to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln file(s) downloaded to %1</source>
        <translation>
            <numerusform>%Ln file downloaded to %1</numerusform>
            <numerusform>%Ln files downloaded to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln upload(s) failed</source>
        <translation>
            <numerusform>%Ln upload failed</numerusform>
            <numerusform>%Ln uploads failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln download(s) failed</source>
        <translation>
            <numerusform>%Ln download failed</numerusform>
            <numerusform>%Ln downloads failed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TransfersPanel</name>
    <message numerus="yes">
        <source>%Ln transfer(s) of other accounts are waiting; they run when you use those accounts.</source>
        <translation>
            <numerusform>%Ln transfer of another account is waiting; it runs when you use that account.</numerusform>
            <numerusform>%Ln transfers of other accounts are waiting; they run when you use those accounts.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TransfersSummary</name>
    <message numerus="yes">
        <source>%1 of %Ln file(s)</source>
        <translation>
            <numerusform>%1 of %Ln file</numerusform>
            <numerusform>%1 of %Ln files</numerusform>
        </translation>
    </message>
</context>
</TS>
