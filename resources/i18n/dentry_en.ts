<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ConflictDialog</name>
    <message numerus="yes">
        <source>Do the same for the %n other conflict(s)</source>
        <translation>
            <numerusform>Do the same for the %n other conflict</numerusform>
            <numerusform>Do the same for the %n other conflicts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DragOut</name>
    <message numerus="yes">
        <source>Downloading %Ln item(s) for the drop…</source>
        <translation>
            <numerusform>Downloading %Ln item for the drop…</numerusform>
            <numerusform>Downloading %Ln items for the drop…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln of %1 item(s) could not be downloaded for the drop</source>
        <translation>
            <numerusform>%Ln of %1 items could not be downloaded for the drop</numerusform>
            <numerusform>%Ln of %1 items could not be downloaded for the drop</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s) downloaded for the drop</source>
        <translation>
            <numerusform>%Ln item downloaded for the drop</numerusform>
            <numerusform>%Ln items downloaded for the drop</numerusform>
        </translation>
    </message>
</context>
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
    <name>ItemDrops</name>
    <message numerus="yes">
        <source>Move %Ln item(s) into “%1”</source>
        <translation>
            <numerusform>Move %Ln item into “%1”</numerusform>
            <numerusform>Move %Ln items into “%1”</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copy %Ln item(s) into “%1”</source>
        <translation>
            <numerusform>Copy %Ln item into “%1”</numerusform>
            <numerusform>Copy %Ln items into “%1”</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MoveCopyActions</name>
    <message numerus="yes">
        <source>%Ln item(s) cut: paste them where they should go</source>
        <translation>
            <numerusform>%Ln item cut: paste them where they should go</numerusform>
            <numerusform>%Ln items cut: paste them where they should go</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s) copied: paste them where copies should go</source>
        <translation>
            <numerusform>%Ln item copied: paste them where copies should go</numerusform>
            <numerusform>%Ln items copied: paste them where copies should go</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Moving into “%1”: %2 of %Ln item(s) done…</source>
        <translation>
            <numerusform>Moving into “%1”: %2 of %Ln item done…</numerusform>
            <numerusform>Moving into “%1”: %2 of %Ln items done…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copying into “%1”: %2 of %Ln item(s) done…</source>
        <translation>
            <numerusform>Copying into “%1”: %2 of %Ln item done…</numerusform>
            <numerusform>Copying into “%1”: %2 of %Ln items done…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s) could not be moved: %1</source>
        <translation>
            <numerusform>%Ln item could not be moved: %1</numerusform>
            <numerusform>%Ln items could not be moved: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s) could not be copied: %1</source>
        <translation>
            <numerusform>%Ln item could not be copied: %1</numerusform>
            <numerusform>%Ln items could not be copied: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s) moved into “%1”</source>
        <translation>
            <numerusform>%Ln item moved into “%1”</numerusform>
            <numerusform>%Ln items moved into “%1”</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s) copied into “%1”</source>
        <translation>
            <numerusform>%Ln item copied into “%1”</numerusform>
            <numerusform>%Ln items copied into “%1”</numerusform>
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
    <name>ShareDialog</name>
    <message numerus="yes">
        <source>Share %n item(s)</source>
        <translation>
            <numerusform>Share %n item</numerusform>
            <numerusform>Share %n items</numerusform>
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
</TS>
