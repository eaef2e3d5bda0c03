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
    <name>EditInPlace</name>
    <message numerus="yes">
        <source>%Ln edit(s) discarded; the edited copies stay in %1</source>
        <translation>
            <numerusform>%Ln edit discarded; the edited copy stays in %1</numerusform>
            <numerusform>%Ln edits discarded; the edited copies stay in %1</numerusform>
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
    <name>RecycleBinActions</name>
    <message numerus="yes">
        <source>Move these %Ln item(s) to the recycle bin?</source>
        <translation>
            <numerusform>Move this %Ln item to the recycle bin?</numerusform>
            <numerusform>Move these %Ln items to the recycle bin?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Moved %Ln item(s) to the recycle bin.</source>
        <translation>
            <numerusform>Moved %Ln item to the recycle bin.</numerusform>
            <numerusform>Moved %Ln items to the recycle bin.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s) could not be deleted: %1</source>
        <translation>
            <numerusform>%Ln item could not be deleted: %1</numerusform>
            <numerusform>%Ln items could not be deleted: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Bring back the %Ln item(s) just moved to the recycle bin</source>
        <translation>
            <numerusform>Bring back the %Ln item just moved to the recycle bin</numerusform>
            <numerusform>Bring back the %Ln items just moved to the recycle bin</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Restored %Ln item(s).</source>
        <translation>
            <numerusform>Restored %Ln item.</numerusform>
            <numerusform>Restored %Ln items.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %Ln more</source>
        <translation>
            <numerusform>and %Ln more</numerusform>
            <numerusform>and %Ln more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s) could not be restored:</source>
        <translation>
            <numerusform>%Ln item could not be restored:</numerusform>
            <numerusform>%Ln items could not be restored:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete these %Ln item(s) forever?</source>
        <translation>
            <numerusform>Delete this %Ln item forever?</numerusform>
            <numerusform>Delete these %Ln items forever?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %Ln item(s) forever.</source>
        <translation>
            <numerusform>Deleted %Ln item forever.</numerusform>
            <numerusform>Deleted %Ln items forever.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete all %Ln item(s) in the recycle bin forever?</source>
        <translation>
            <numerusform>Delete the %Ln item in the recycle bin forever?</numerusform>
            <numerusform>Delete all %Ln items in the recycle bin forever?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecycleBinView</name>
    <message numerus="yes">
        <source>%Ln item(s) match the filter</source>
        <translation>
            <numerusform>%Ln item matches the filter</numerusform>
            <numerusform>%Ln items match the filter</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s) in the recycle bin</source>
        <translation>
            <numerusform>%Ln item in the recycle bin</numerusform>
            <numerusform>%Ln items in the recycle bin</numerusform>
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
<context>
    <name>UnsentEditsDialog</name>
    <message numerus="yes">
        <source>%n file(s) you opened from Dentry were saved with changes the storage service does not have yet (while Dentry was closed, or could not reach the service):</source>
        <translation>
            <numerusform>%n file you opened from Dentry was saved with changes the storage service does not have yet (while Dentry was closed, or could not reach the service):</numerusform>
            <numerusform>%n files you opened from Dentry were saved with changes the storage service does not have yet (while Dentry was closed, or could not reach the service):</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VersionsDialog</name>
    <message numerus="yes">
        <source>%Ln version(s)</source>
        <translation>
            <numerusform>%Ln version</numerusform>
            <numerusform>%Ln versions</numerusform>
        </translation>
    </message>
</context>
</TS>
