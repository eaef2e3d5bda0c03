<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AccountDialog</name>
    <message>
        <source>Welcome to Dentry</source>
        <translation>欢迎使用 Dentry</translation>
    </message>
    <message>
        <source>Add an account</source>
        <translation>添加账号</translation>
    </message>
    <message>
        <source>Choose an account</source>
        <translation>选择账号</translation>
    </message>
    <message>
        <source>Browse your organization&apos;s DingTalk storage, or start with local storage on this computer (it comes with demo content).</source>
        <translation>浏览你所在组织在钉钉上的存储，或者先使用本机上的本地存储（附带演示内容）。</translation>
    </message>
    <message>
        <source>Local storage (this computer)</source>
        <translation>本地存储（本机）</translation>
    </message>
    <message>
        <source>Local storage</source>
        <translation>本地存储</translation>
    </message>
    <message>
        <source>DingTalk organization</source>
        <translation>钉钉组织</translation>
    </message>
    <message>
        <source>Account name</source>
        <translation>账号名称</translation>
    </message>
    <message>
        <source>Account name:</source>
        <translation>账号名称：</translation>
    </message>
    <message>
        <source>e.g. Sales storage</source>
        <translation>例如：销售部存储</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>接口地址</translation>
    </message>
    <message>
        <source>Endpoint:</source>
        <translation>接口地址：</translation>
    </message>
    <message>
        <source>AppKey:</source>
        <translation>AppKey：</translation>
    </message>
    <message>
        <source>the app&apos;s Client ID</source>
        <translation>应用的 Client ID</translation>
    </message>
    <message>
        <source>AppSecret:</source>
        <translation>AppSecret：</translation>
    </message>
    <message>
        <source>kept in the system keyring</source>
        <translation>保存在系统密钥环中</translation>
    </message>
    <message>
        <source>unionId:</source>
        <translation>unionId：</translation>
    </message>
    <message>
        <source>the user whose storage to browse</source>
        <translation>要浏览其存储的用户</translation>
    </message>
</context>
<context>
    <name>AccountSession</name>
    <message>
        <source>Local storage (this computer)</source>
        <translation>本地存储（本机）</translation>
    </message>
    <message>
        <source>No AppSecret is stored for %1; add the account again.</source>
        <translation>没有保存“%1”的 AppSecret，请重新添加该账号。</translation>
    </message>
</context>
<context>
    <name>AccountsMenu</name>
    <message>
        <source>Add account…</source>
        <translation>添加账号…</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>No secure keyring</source>
        <translation>没有安全的密钥环</translation>
    </message>
    <message>
        <source>No secure system keyring was found, so the AppSecret is kept for this session only. Install and unlock GNOME Keyring or KWallet to have it remembered.</source>
        <translation>没有找到安全的系统密钥环，AppSecret 只在本次运行期间保留。安装并解锁 GNOME 密钥环或 KWallet 后，Dentry 就能记住它。</translation>
    </message>
    <message>
        <source>Cannot sign in</source>
        <translation>无法登录</translation>
    </message>
    <message>
        <source>Cannot sign out</source>
        <translation>无法退出登录</translation>
    </message>
    <message>
        <source>Add space</source>
        <translation>添加空间</translation>
    </message>
    <message>
        <source>Space id:</source>
        <translation>空间 ID：</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Name already taken</source>
        <translation>名称已被占用</translation>
    </message>
    <message>
        <source>“%1” already exists in “%2”. What should happen to the one you are adding?</source>
        <translation>“%2”中已有“%1”。要如何处理你正在添加的这一项？</translation>
    </message>
    <message>
        <source>Already there:</source>
        <translation>已有的：</translation>
    </message>
    <message>
        <source>Moved here:</source>
        <translation>移到此处的：</translation>
    </message>
    <message>
        <source>Copied here:</source>
        <translation>复制到此处的：</translation>
    </message>
    <message numerus="yes">
        <source>Do the same for the %n other conflict(s)</source>
        <translation>
            <numerusform>其余 %n 个冲突也这样处理</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Keep both</source>
        <translation>保留两者(&amp;K)</translation>
    </message>
    <message>
        <source>The one added gets a new name, such as “name (1).txt”</source>
        <translation>添加的一项使用新名称，例如“名称 (1).txt”</translation>
    </message>
    <message>
        <source>&amp;Replace</source>
        <translation>替换(&amp;R)</translation>
    </message>
    <message>
        <source>A file and a folder cannot replace each other</source>
        <translation>文件和文件夹不能互相替换</translation>
    </message>
    <message>
        <source>The one already there goes to the recycle bin</source>
        <translation>已有的一项移到回收站</translation>
    </message>
    <message>
        <source>The file already there gets the copied content as a new version</source>
        <translation>已有的文件以复制的内容作为新版本</translation>
    </message>
    <message>
        <source>&amp;Skip</source>
        <translation>跳过(&amp;S)</translation>
    </message>
    <message>
        <source>This item stays where it is</source>
        <translation>此项保留在原处</translation>
    </message>
    <message>
        <source>Folder, modified %1</source>
        <translation>文件夹，修改时间 %1</translation>
    </message>
    <message>
        <source>%1, modified %2</source>
        <translation>%1，修改时间 %2</translation>
    </message>
</context>
<context>
    <name>CoreSentences</name>
    <message>
        <source>renamed to %1: %2</source>
        <translation>已改名为 %1：%2</translation>
    </message>
    <message>
        <source>the service would refuse its name: %1</source>
        <translation>服务不接受该名称：%1</translation>
    </message>
    <message>
        <source>skipped: %1</source>
        <translation>已跳过：%1</translation>
    </message>
    <message>
        <source>the file cannot be read</source>
        <translation>无法读取该文件</translation>
    </message>
    <message>
        <source>the folder cannot be read (%1)</source>
        <translation>无法读取该文件夹（%1）</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation>不是普通文件</translation>
    </message>
    <message>
        <source>a symbolic link whose target does not exist</source>
        <translation>符号链接的目标不存在</translation>
    </message>
    <message>
        <source>a symbolic link that leads out of the folder</source>
        <translation>符号链接指向文件夹之外</translation>
    </message>
    <message>
        <source>a symbolic link to a folder</source>
        <translation>指向文件夹的符号链接</translation>
    </message>
    <message>
        <source>no such file or folder</source>
        <translation>文件或文件夹不存在</translation>
    </message>
    <message>
        <source>the name is empty</source>
        <translation>名称为空</translation>
    </message>
    <message>
        <source>it contains %1</source>
        <translation>含有 %1</translation>
    </message>
    <message>
        <source>it ends with &apos;.&apos;</source>
        <translation>以“.”结尾</translation>
    </message>
    <message>
        <source>it is longer than %1 characters</source>
        <translation>超过 %1 个字符</translation>
    </message>
    <message>
        <source>not a usable file name</source>
        <translation>不能用作文件名</translation>
    </message>
    <message>
        <source>contains a path separator</source>
        <translation>含有路径分隔符</translation>
    </message>
    <message>
        <source>contains a character Windows does not allow %1</source>
        <translation>含有 Windows 不允许的字符 %1</translation>
    </message>
    <message>
        <source>a name Windows reserves for devices</source>
        <translation>是 Windows 保留给设备的名称</translation>
    </message>
    <message>
        <source>ends with a dot or a space, which Windows drops</source>
        <translation>以点或空格结尾，Windows 会将其去掉</translation>
    </message>
    <message>
        <source>cannot make the folder (%1)</source>
        <translation>无法创建文件夹（%1）</translation>
    </message>
    <message>
        <source>a file of that name is in the way</source>
        <translation>已有同名文件</translation>
    </message>
    <message>
        <source>The storage server answered %1</source>
        <translation>存储服务器返回了 %1</translation>
    </message>
    <message>
        <source>The storage server refused the transfer (%1)</source>
        <translation>存储服务器拒绝了传输（%1）</translation>
    </message>
    <message>
        <source>The disk is full; free some space on the drive of %1 and retry</source>
        <translation>磁盘已满：请在 %1 所在的磁盘上腾出空间后重试</translation>
    </message>
    <message>
        <source>Cannot write to %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>The storage service keeps refusing the download link</source>
        <translation>存储服务一再拒绝下载链接</translation>
    </message>
    <message>
        <source>The storage service keeps refusing the upload link</source>
        <translation>存储服务一再拒绝上传链接</translation>
    </message>
    <message>
        <source>The storage service keeps refusing the part upload links</source>
        <translation>存储服务一再拒绝分片上传链接</translation>
    </message>
    <message>
        <source>%1 exists already</source>
        <translation>%1 已存在</translation>
    </message>
    <message>
        <source>%1 is a folder</source>
        <translation>%1 是文件夹</translation>
    </message>
    <message>
        <source>The file changed on the server</source>
        <translation>服务器上的文件已更改</translation>
    </message>
    <message>
        <source>The download ended at %1 of %2 bytes</source>
        <translation>下载在第 %1 字节处中断（共 %2 字节）</translation>
    </message>
    <message>
        <source>The file got shorter while it was being uploaded</source>
        <translation>文件在上传过程中变小了</translation>
    </message>
    <message>
        <source>The connection was lost (%1)</source>
        <translation>连接已断开（%1）</translation>
    </message>
    <message>
        <source>Unexpected error: %1</source>
        <translation>意外错误：%1</translation>
    </message>
    <message>
        <source>The file changed since the upload began; starting over</source>
        <translation>上传开始后文件有改动，正在重新上传</translation>
    </message>
    <message>
        <source>The upload link expired; starting the upload again with a fresh one</source>
        <translation>上传链接已过期，正在用新链接重新上传</translation>
    </message>
    <message>
        <source>The link for part %1 expired; sending it again with a fresh one</source>
        <translation>第 %1 个分片的链接已过期，正在用新链接重新发送</translation>
    </message>
    <message>
        <source>The answer to the commit was lost; looking for the file before committing again</source>
        <translation>没有收到提交的应答，先查找该文件，再决定是否重新提交</translation>
    </message>
    <message>
        <source>The download link expired or failed; continuing with a fresh one</source>
        <translation>下载链接已过期或失效，正在用新链接继续下载</translation>
    </message>
    <message>
        <source>The download link expired; continuing with a fresh one</source>
        <translation>下载链接已过期，正在用新链接继续下载</translation>
    </message>
    <message>
        <source>The file changed on the server since the download began; starting over</source>
        <translation>下载开始后服务器上的文件有改动，正在重新下载</translation>
    </message>
    <message>
        <source>The file changed on the server during the download; starting over</source>
        <translation>下载过程中服务器上的文件有改动，正在重新下载</translation>
    </message>
    <message>
        <source>No such file or directory</source>
        <translation>文件或文件夹不存在</translation>
    </message>
    <message>
        <source>Permission denied</source>
        <translation>没有权限</translation>
    </message>
    <message>
        <source>Not a directory</source>
        <translation>不是文件夹</translation>
    </message>
    <message>
        <source>Is a directory</source>
        <translation>是文件夹</translation>
    </message>
    <message>
        <source>File exists</source>
        <translation>文件已存在</translation>
    </message>
    <message>
        <source>No space left on device</source>
        <translation>磁盘空间不足</translation>
    </message>
    <message>
        <source>Disk quota exceeded</source>
        <translation>磁盘配额已用完</translation>
    </message>
    <message>
        <source>Read-only file system</source>
        <translation>文件系统为只读</translation>
    </message>
    <message>
        <source>File name too long</source>
        <translation>文件名太长</translation>
    </message>
    <message>
        <source>Input/output error</source>
        <translation>输入/输出错误</translation>
    </message>
    <message>
        <source>Operation not permitted</source>
        <translation>不允许的操作</translation>
    </message>
    <message>
        <source>The preferences file %1 cannot be read (%2); using the defaults</source>
        <translation>无法读取首选项文件 %1（%2），将使用默认设置</translation>
    </message>
    <message>
        <source>The preferences file %1 is damaged; using the defaults</source>
        <translation>首选项文件 %1 已损坏，将使用默认设置</translation>
    </message>
    <message>
        <source>In the preferences file %1, %2 cannot be %3; using the default instead</source>
        <translation>首选项文件 %1 中的 %2 不能是 %3，将使用默认值</translation>
    </message>
    <message>
        <source>The preferences file %1 cannot be written: %2</source>
        <translation>无法写入首选项文件 %1：%2</translation>
    </message>
    <message>
        <source>The local storage service did not start</source>
        <translation>本地存储服务未能启动</translation>
    </message>
</context>
<context>
    <name>DentryCells</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>修改时间</translation>
    </message>
    <message>
        <source>Modified by</source>
        <translation>修改人</translation>
    </message>
    <message>
        <source>Modified %1</source>
        <translation>修改于 %1</translation>
    </message>
    <message>
        <source>Modified %1 by %2</source>
        <translation>由 %2 修改于 %1</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1, loading</source>
        <translation>%1，正在加载</translation>
    </message>
</context>
<context>
    <name>DentryModel</name>
    <message>
        <source>Could not list this folder: %1</source>
        <translation>无法列出此文件夹的内容：%1</translation>
    </message>
</context>
<context>
    <name>DragOut</name>
    <message>
        <source>Cannot download: %1</source>
        <translation>无法下载：%1</translation>
    </message>
    <message numerus="yes">
        <source>Downloading %Ln item(s) for the drop…</source>
        <translation>
            <numerusform>正在为拖放下载 %Ln 项…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln of %1 item(s) could not be downloaded for the drop</source>
        <translation>
            <numerusform>%1 项中有 %Ln 项无法为拖放下载</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s) downloaded for the drop</source>
        <translation>
            <numerusform>已为拖放下载 %Ln 项</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EditInPlace</name>
    <message>
        <source>edited on %1 %2</source>
        <translation>编辑于 %1 %2</translation>
    </message>
    <message>
        <source>Downloading “%1” to open it…</source>
        <translation>正在下载“%1”以便打开…</translation>
    </message>
    <message>
        <source>Could not open “%1”: %2</source>
        <translation>无法打开“%1”：%2</translation>
    </message>
    <message>
        <source>Uploading your edit of “%1” as a new version…</source>
        <translation>正在将你对“%1”的修改上传为新版本…</translation>
    </message>
    <message>
        <source>“%1” changed on the service since you opened it: your edit is uploaded beside it as “%2”</source>
        <translation>“%1”在你打开后已在存储服务上被修改：你的修改将另存为“%2”上传到它旁边</translation>
    </message>
    <message>
        <source>“%1” is no longer on the service: your edit is uploaded as “%2”</source>
        <translation>存储服务上已没有“%1”：你的修改将另存为“%2”上传</translation>
    </message>
    <message>
        <source>Your edit of “%1” waits: %2 It is uploaded once the service answers.</source>
        <translation>你对“%1”的修改正在等待：%2存储服务恢复响应后即会上传。</translation>
    </message>
    <message>
        <source>Your edit of “%1” was not uploaded: %2</source>
        <translation>你对“%1”的修改未能上传：%2</translation>
    </message>
    <message>
        <source>Your edit of “%1” is uploaded: version %2</source>
        <translation>你对“%1”的修改已上传：版本 %2</translation>
    </message>
    <message>
        <source>Your edit of “%1” is uploaded as “%2”: the file is no longer on the service</source>
        <translation>你对“%1”的修改已另存为“%2”上传：存储服务上已没有该文件</translation>
    </message>
    <message>
        <source>Your edit of “%1” is uploaded beside it as “%2”: the file changed on the service since you opened it</source>
        <translation>你对“%1”的修改已另存为“%2”上传到它旁边：你打开该文件后，它已在存储服务上被修改</translation>
    </message>
    <message numerus="yes">
        <source>%Ln edit(s) discarded; the edited copies stay in %1</source>
        <translation>
            <numerusform>已放弃 %Ln 项修改；修改过的副本仍保留在 %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>The service did not accept the request.</source>
        <translation>服务未接受该请求。</translation>
    </message>
    <message>
        <source>You do not have permission to do this in this space.</source>
        <translation>你在此空间中没有执行此操作的权限。</translation>
    </message>
    <message>
        <source>The file or folder does not exist (any more).</source>
        <translation>文件或文件夹不存在（可能已被删除或移走）。</translation>
    </message>
    <message>
        <source>The space does not exist.</source>
        <translation>该空间不存在。</translation>
    </message>
    <message>
        <source>The thumbnail is not ready yet.</source>
        <translation>缩略图尚未生成。</translation>
    </message>
    <message>
        <source>The service does not support this for this kind of file.</source>
        <translation>服务不支持对此类文件执行此操作。</translation>
    </message>
    <message>
        <source>The file was flagged as containing a virus.</source>
        <translation>该文件被标记为含有病毒。</translation>
    </message>
    <message>
        <source>The file was flagged as malicious.</source>
        <translation>该文件被标记为恶意文件。</translation>
    </message>
    <message>
        <source>Your organization&apos;s authentication level does not allow this.</source>
        <translation>你所在组织的认证等级不允许此操作。</translation>
    </message>
    <message>
        <source>This operation is not supported here.</source>
        <translation>此处不支持该操作。</translation>
    </message>
    <message>
        <source>The service cannot offer this file as a signed download.</source>
        <translation>服务无法为此文件提供签名下载链接。</translation>
    </message>
    <message>
        <source>The file is archived and is being restored; try again in a few minutes.</source>
        <translation>该文件已归档，正在恢复，请几分钟后重试。</translation>
    </message>
    <message>
        <source>Someone else is changing this at the same moment.</source>
        <translation>有其他人正在同时修改此内容。</translation>
    </message>
    <message>
        <source>The space is full.</source>
        <translation>空间已满。</translation>
    </message>
    <message>
        <source>The storage quota for this kind of space is used up.</source>
        <translation>此类空间的存储配额已用完。</translation>
    </message>
    <message>
        <source>The app&apos;s storage quota is used up.</source>
        <translation>应用的存储配额已用完。</translation>
    </message>
    <message>
        <source>Your organization&apos;s storage quota is used up.</source>
        <translation>你所在组织的存储配额已用完。</translation>
    </message>
    <message>
        <source>The name is not allowed.</source>
        <translation>不允许使用该名称。</translation>
    </message>
    <message>
        <source>The service could not store the file.</source>
        <translation>服务未能保存该文件。</translation>
    </message>
    <message>
        <source>The storage service has no disk space left.</source>
        <translation>存储服务的磁盘空间已用完。</translation>
    </message>
    <message>
        <source>An item with this name already exists.</source>
        <translation>已存在同名项目。</translation>
    </message>
    <message>
        <source>The storage service had an internal error.</source>
        <translation>存储服务发生内部错误。</translation>
    </message>
    <message>
        <source>The storage service had an unknown error.</source>
        <translation>存储服务发生未知错误。</translation>
    </message>
    <message>
        <source>The storage service timed out.</source>
        <translation>存储服务响应超时。</translation>
    </message>
    <message>
        <source>The access token was refused; check the AppKey and AppSecret.</source>
        <translation>访问令牌被拒绝，请检查 AppKey 和 AppSecret。</translation>
    </message>
    <message>
        <source>The AppKey or AppSecret is wrong.</source>
        <translation>AppKey 或 AppSecret 不正确。</translation>
    </message>
    <message>
        <source>The signed URL was refused or has expired.</source>
        <translation>签名链接被拒绝或已过期。</translation>
    </message>
    <message>
        <source>The signed URL was refused.</source>
        <translation>签名链接被拒绝。</translation>
    </message>
    <message>
        <source>Could not reach the storage service.</source>
        <translation>无法连接到存储服务。</translation>
    </message>
    <message>
        <source>The storage service keeps listing the same entries.</source>
        <translation>存储服务反复列出相同的条目。</translation>
    </message>
    <message>
        <source>The service gave no download address.</source>
        <translation>服务没有提供下载地址。</translation>
    </message>
    <message>
        <source>The service gave no upload address.</source>
        <translation>服务没有提供上传地址。</translation>
    </message>
    <message>
        <source>The item is not in the recycle bin (any more).</source>
        <translation>该项目已不在回收站中。</translation>
    </message>
    <message>
        <source>The recycle bin does not exist.</source>
        <translation>回收站不存在。</translation>
    </message>
    <message>
        <source>The storage service did not finish the operation in time.</source>
        <translation>存储服务未能及时完成该操作。</translation>
    </message>
    <message>
        <source>The storage service does not know this operation.</source>
        <translation>存储服务找不到该操作。</translation>
    </message>
    <message>
        <source>The service cannot make thumbnails of this kind of file.</source>
        <translation>服务无法为此类文件生成缩略图。</translation>
    </message>
    <message>
        <source>The thumbnail is still being made; try again later.</source>
        <translation>缩略图仍在生成中，请稍后重试。</translation>
    </message>
    <message>
        <source>The disk is full.</source>
        <translation>磁盘已满。</translation>
    </message>
    <message>
        <source>Permission denied.</source>
        <translation>没有权限。</translation>
    </message>
    <message>
        <source>No such file or folder.</source>
        <translation>文件或文件夹不存在。</translation>
    </message>
    <message>
        <source>The disk is read-only.</source>
        <translation>磁盘为只读。</translation>
    </message>
    <message>
        <source>It is a folder.</source>
        <translation>这是一个文件夹。</translation>
    </message>
    <message>
        <source>It is not a folder.</source>
        <translation>这不是文件夹。</translation>
    </message>
    <message>
        <source>The system keyring is locked; unlock it and try again.</source>
        <translation>系统密钥环已锁定，请解锁后重试。</translation>
    </message>
    <message>
        <source>The system keyring did not answer in time (an unlock prompt may be waiting).</source>
        <translation>系统密钥环没有及时响应（可能有解锁提示在等待）。</translation>
    </message>
    <message>
        <source>No secure system keyring was found.</source>
        <translation>没有找到安全的系统密钥环。</translation>
    </message>
    <message>
        <source>The system keyring failed.</source>
        <translation>系统密钥环出错。</translation>
    </message>
    <message>
        <source>The saved accounts could not be used.</source>
        <translation>无法使用已保存的账号。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>The service did not accept the request (bad %1).</source>
        <translation>服务未接受该请求（%1 不正确）。</translation>
    </message>
    <message>
        <source>The storage service refused the request (%1).</source>
        <translation>存储服务拒绝了该请求（%1）。</translation>
    </message>
    <message>
        <source>%1 The service says: %2</source>
        <translation>%1服务返回：%2</translation>
    </message>
    <message>
        <source>Service message: %1</source>
        <translation>服务返回的消息：%1</translation>
    </message>
    <message>
        <source>Error code: %1</source>
        <translation>错误代码：%1</translation>
    </message>
    <message>
        <source>HTTP status: %1</source>
        <translation>HTTP 状态码：%1</translation>
    </message>
    <message>
        <source>Request id: %1</source>
        <translation>请求 ID：%1</translation>
    </message>
    <message>
        <source>Original message: %1</source>
        <translation>原始消息：%1</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <source>“%1” cannot be used: %2.</source>
        <translation>无法使用“%1”：%2。</translation>
    </message>
    <message>
        <source>New folder</source>
        <translation>新建文件夹</translation>
    </message>
    <message>
        <source>Name of the new folder:</source>
        <translation>新文件夹的名称：</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>New name for “%1”:</source>
        <translation>“%1”的新名称：</translation>
    </message>
</context>
<context>
    <name>FileTypes</name>
    <message>
        <source>JPEG image</source>
        <translation>JPEG 图像</translation>
    </message>
    <message>
        <source>PNG image</source>
        <translation>PNG 图像</translation>
    </message>
    <message>
        <source>GIF image</source>
        <translation>GIF 图像</translation>
    </message>
    <message>
        <source>WebP image</source>
        <translation>WebP 图像</translation>
    </message>
    <message>
        <source>BMP image</source>
        <translation>BMP 图像</translation>
    </message>
    <message>
        <source>SVG image</source>
        <translation>SVG 图像</translation>
    </message>
    <message>
        <source>HEIC image</source>
        <translation>HEIC 图像</translation>
    </message>
    <message>
        <source>MP4 video</source>
        <translation>MP4 视频</translation>
    </message>
    <message>
        <source>QuickTime video</source>
        <translation>QuickTime 视频</translation>
    </message>
    <message>
        <source>MP3 audio</source>
        <translation>MP3 音频</translation>
    </message>
    <message>
        <source>M4A audio</source>
        <translation>M4A 音频</translation>
    </message>
    <message>
        <source>WAV audio</source>
        <translation>WAV 音频</translation>
    </message>
    <message>
        <source>PDF document</source>
        <translation>PDF 文档</translation>
    </message>
    <message>
        <source>Text document</source>
        <translation>文本文档</translation>
    </message>
    <message>
        <source>Markdown document</source>
        <translation>Markdown 文档</translation>
    </message>
    <message>
        <source>RTF document</source>
        <translation>RTF 文档</translation>
    </message>
    <message>
        <source>Word document</source>
        <translation>Word 文档</translation>
    </message>
    <message>
        <source>Excel spreadsheet</source>
        <translation>Excel 工作表</translation>
    </message>
    <message>
        <source>CSV spreadsheet</source>
        <translation>CSV 表格</translation>
    </message>
    <message>
        <source>PowerPoint presentation</source>
        <translation>PowerPoint 演示文稿</translation>
    </message>
    <message>
        <source>WPS document</source>
        <translation>WPS 文字文档</translation>
    </message>
    <message>
        <source>WPS spreadsheet</source>
        <translation>WPS 表格</translation>
    </message>
    <message>
        <source>WPS presentation</source>
        <translation>WPS 演示文稿</translation>
    </message>
    <message>
        <source>OpenDocument text</source>
        <translation>OpenDocument 文本</translation>
    </message>
    <message>
        <source>OpenDocument spreadsheet</source>
        <translation>OpenDocument 电子表格</translation>
    </message>
    <message>
        <source>OpenDocument presentation</source>
        <translation>OpenDocument 演示文稿</translation>
    </message>
    <message>
        <source>Web page</source>
        <translation>网页</translation>
    </message>
    <message>
        <source>ZIP archive</source>
        <translation>ZIP 压缩文件</translation>
    </message>
    <message>
        <source>RAR archive</source>
        <translation>RAR 压缩文件</translation>
    </message>
    <message>
        <source>7z archive</source>
        <translation>7z 压缩文件</translation>
    </message>
    <message>
        <source>TAR archive</source>
        <translation>TAR 归档文件</translation>
    </message>
    <message>
        <source>GZIP archive</source>
        <translation>GZIP 压缩文件</translation>
    </message>
    <message>
        <source>Windows program</source>
        <translation>Windows 程序</translation>
    </message>
    <message>
        <source>Windows installer</source>
        <translation>Windows 安装包</translation>
    </message>
    <message>
        <source>Android app</source>
        <translation>Android 应用</translation>
    </message>
    <message>
        <source>%1 image</source>
        <translation>%1 图像</translation>
    </message>
    <message>
        <source>%1 video</source>
        <translation>%1 视频</translation>
    </message>
    <message>
        <source>%1 audio</source>
        <translation>%1 音频</translation>
    </message>
    <message>
        <source>%1 text file</source>
        <translation>%1 文本文件</translation>
    </message>
    <message>
        <source>%1 file</source>
        <translation>%1 文件</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
</context>
<context>
    <name>FileViews</name>
    <message>
        <source>Files (details)</source>
        <translation>文件（详细信息）</translation>
    </message>
    <message>
        <source>Files (thumbnails)</source>
        <translation>文件（缩略图）</translation>
    </message>
    <message>
        <source>Item menu</source>
        <translation>项目菜单</translation>
    </message>
</context>
<context>
    <name>ItemDrops</name>
    <message numerus="yes">
        <source>Move %Ln item(s) into “%1”</source>
        <translation>
            <numerusform>将 %Ln 项移到“%1”</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copy %Ln item(s) into “%1”</source>
        <translation>
            <numerusform>将 %Ln 项复制到“%1”</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>JournalDamage</name>
    <message>
        <source>A folder is where the file should be.</source>
        <translation>文件应在的位置是一个文件夹。</translation>
    </message>
    <message>
        <source>Another program keeps it locked.</source>
        <translation>另一个程序锁定了它。</translation>
    </message>
    <message>
        <source>Its folder cannot be made.</source>
        <translation>无法创建它所在的文件夹。</translation>
    </message>
    <message>
        <source>It cannot be read and written (permissions).</source>
        <translation>无法读写它（权限不足）。</translation>
    </message>
    <message>
        <source>It is damaged, or it is not a transfer journal.</source>
        <translation>它已损坏，或者不是传输日志。</translation>
    </message>
    <message>
        <source>Transfer journal</source>
        <translation>传输记录</translation>
    </message>
    <message>
        <source>Dentry cannot use its transfer journal, %1. %2</source>
        <translation>Dentry 无法使用它的传输记录 %1。%2</translation>
    </message>
    <message>
        <source>Dentry can set the damaged file aside (it is renamed, nothing is deleted) and start a new, empty journal; the unfinished transfers recorded in it are not continued.</source>
        <translation>Dentry 可以把损坏的文件放到一边（只改名，不删除任何内容），然后新建一份空的传输记录；其中记录的未完成传输不会继续。</translation>
    </message>
    <message>
        <source>Set aside and start anew</source>
        <translation>放到一边并重新开始</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>The damaged journal could not be set aside: %1</source>
        <translation>无法把损坏的传输记录放到一边：%1</translation>
    </message>
    <message>
        <source>The damaged journal is now %1. A new journal was started.</source>
        <translation>损坏的传输记录现在是 %1。已新建一份传输记录。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Filter</source>
        <translation>筛选</translation>
    </message>
    <message>
        <source>Filter (* ?) — Enter searches the space</source>
        <translation>筛选（* ?）— 按回车键搜索整个空间</translation>
    </message>
    <message>
        <source>Progress of the moves or copies</source>
        <translation>移动或复制的进度</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>返回(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Forward</source>
        <translation>前进(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Up</source>
        <translation>向上(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>查找(&amp;I)</translation>
    </message>
    <message>
        <source>Edit &amp;path</source>
        <translation>编辑路径(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <source>P&amp;roperties</source>
        <translation>属性(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;New folder…</source>
        <translation>新建文件夹(&amp;N)…</translation>
    </message>
    <message>
        <source>Re&amp;name…</source>
        <translation>重命名(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Versions…</source>
        <translation>版本(&amp;V)…</translation>
    </message>
    <message>
        <source>The versions of the file: download one, or restore it as the newest</source>
        <translation>文件的各个版本：可下载某个版本，或将其恢复为最新版本</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>Recycle &amp;bin</source>
        <translation>回收站(&amp;B)</translation>
    </message>
    <message>
        <source>R&amp;estore</source>
        <translation>还原(&amp;E)</translation>
    </message>
    <message>
        <source>Put the chosen items back where they were deleted from</source>
        <translation>将所选项目放回删除前所在的位置</translation>
    </message>
    <message>
        <source>Delete &amp;forever…</source>
        <translation>永久删除(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Empty recycle bin…</source>
        <translation>清空回收站(&amp;E)…</translation>
    </message>
    <message>
        <source>Down&amp;load</source>
        <translation>下载(&amp;L)</translation>
    </message>
    <message>
        <source>Download the chosen items into the download folder (Edit → Preferences…)</source>
        <translation>将所选项目下载到下载文件夹（编辑 → 首选项…）</translation>
    </message>
    <message>
        <source>Do&amp;wnload to…</source>
        <translation>下载到(&amp;W)…</translation>
    </message>
    <message>
        <source>Download the chosen items into a folder you pick</source>
        <translation>将所选项目下载到你选择的文件夹</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>剪切(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>粘贴(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Share…</source>
        <translation>共享(&amp;S)…</translation>
    </message>
    <message>
        <source>Who has which role on the chosen items: add, change or remove</source>
        <translation>谁对所选项目拥有什么角色：添加、更改或移除</translation>
    </message>
    <message>
        <source>&amp;Upload files…</source>
        <translation>上传文件(&amp;U)…</translation>
    </message>
    <message>
        <source>Upload &amp;folder…</source>
        <translation>上传文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>Make &amp;thumbnail</source>
        <translation>生成缩略图(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Details</source>
        <translation>详细信息(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Thumbnails</source>
        <translation>缩略图(&amp;T)</translation>
    </message>
    <message>
        <source>Add space by &amp;id…</source>
        <translation>按 ID 添加空间(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <source>Have the storage service make thumbnails of the selected files</source>
        <translation>让存储服务为所选文件生成缩略图</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>导航</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>前往(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>查看(&amp;V)</translation>
    </message>
    <message>
        <source>T&amp;heme</source>
        <translation>主题(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>账号(&amp;A)</translation>
    </message>
    <message>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Dentry — %1</source>
        <translation>Dentry — %1</translation>
    </message>
    <message>
        <source>No spaces yet: add one by id (Account menu)</source>
        <translation>还没有空间：可在“账号”菜单中按 ID 添加</translation>
    </message>
    <message>
        <source>Recycle bin</source>
        <translation>回收站</translation>
    </message>
    <message>
        <source>A folder has no versions</source>
        <translation>文件夹没有版本</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Dentry will use the language you chose the next time it starts.</source>
        <translation>Dentry 将在下次启动时使用所选的语言。</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
</context>
<context>
    <name>MoveCopyActions</name>
    <message numerus="yes">
        <source>%Ln item(s) cut: paste them where they should go</source>
        <translation>
            <numerusform>已剪切 %Ln 项：在目标位置粘贴</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s) copied: paste them where copies should go</source>
        <translation>
            <numerusform>已复制 %Ln 项：在要放副本的位置粘贴</numerusform>
        </translation>
    </message>
    <message>
        <source>“%1” cannot go into itself</source>
        <translation>“%1”不能放入其自身</translation>
    </message>
    <message>
        <source>Checking the names in “%1”…</source>
        <translation>正在检查“%1”中的名称…</translation>
    </message>
    <message>
        <source>Nothing moved or copied: every item was skipped</source>
        <translation>未移动或复制任何项目：所有项目都已跳过</translation>
    </message>
    <message numerus="yes">
        <source>Moving into “%1”: %2 of %Ln item(s) done…</source>
        <translation>
            <numerusform>正在移到“%1”：已完成 %2/%Ln 项…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copying into “%1”: %2 of %Ln item(s) done…</source>
        <translation>
            <numerusform>正在复制到“%1”：已完成 %2/%Ln 项…</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s) could not be moved: %1</source>
        <translation>
            <numerusform>%Ln 项无法移动：%1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s) could not be copied: %1</source>
        <translation>
            <numerusform>%Ln 项无法复制：%1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s) moved into “%1”</source>
        <translation>
            <numerusform>已将 %Ln 项移到“%1”</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s) copied into “%1”</source>
        <translation>
            <numerusform>已将 %Ln 项复制到“%1”</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot move: %1</source>
        <translation>无法移动：%1</translation>
    </message>
    <message>
        <source>Cannot copy: %1</source>
        <translation>无法复制：%1</translation>
    </message>
</context>
<context>
    <name>PathBar</name>
    <message>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>Path (editable)</source>
        <translation>路径（可编辑）</translation>
    </message>
    <message>
        <source>/folder/subfolder</source>
        <translation>/文件夹/子文件夹</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>空间</translation>
    </message>
    <message>
        <source>separator</source>
        <translation>分隔符</translation>
    </message>
    <message>
        <source>Go to %1</source>
        <translation>前往 %1</translation>
    </message>
    <message>
        <source>Edit path</source>
        <translation>编辑路径</translation>
    </message>
    <message>
        <source>Type a path</source>
        <translation>输入路径</translation>
    </message>
</context>
<context>
    <name>PathWalker</name>
    <message>
        <source>%1 does not exist</source>
        <translation>%1 不存在</translation>
    </message>
</context>
<context>
    <name>PreferencesActions</name>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>Open Edit → Preferences… to choose again and save.</source>
        <translation>打开“编辑 → 首选项…”重新选择并保存。</translation>
    </message>
    <message>
        <source>Preferences not saved</source>
        <translation>首选项未保存</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>Download folder</source>
        <translation>下载文件夹</translation>
    </message>
    <message>
        <source>Where downloads go; empty: the Downloads folder</source>
        <translation>下载的文件保存到这里；留空：“下载”文件夹</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Choose the download folder</source>
        <translation>选择下载文件夹</translation>
    </message>
    <message>
        <source>&amp;Download folder:</source>
        <translation>下载文件夹(&amp;D)：</translation>
    </message>
    <message>
        <source>Streams per file</source>
        <translation>每个文件的连接数</translation>
    </message>
    <message>
        <source>Connections per large file; Automatic: as many as make it faster</source>
        <translation>每个大文件使用的连接数；自动：能加快速度就增加</translation>
    </message>
    <message>
        <source>&amp;Streams per file:</source>
        <translation>每个文件的连接数(&amp;S)：</translation>
    </message>
    <message>
        <source>Parallel transfers</source>
        <translation>同时传输数</translation>
    </message>
    <message>
        <source>Files moving at once; Automatic: as many as make it faster</source>
        <translation>同时传输的文件数；自动：能加快速度就增加</translation>
    </message>
    <message>
        <source>&amp;Parallel transfers:</source>
        <translation>同时传输数(&amp;P)：</translation>
    </message>
    <message>
        <source>Download limit</source>
        <translation>下载限速</translation>
    </message>
    <message>
        <source>Download &amp;limit:</source>
        <translation>下载限速(&amp;L)：</translation>
    </message>
    <message>
        <source>Upload limit</source>
        <translation>上传限速</translation>
    </message>
    <message>
        <source>&amp;Upload limit:</source>
        <translation>上传限速(&amp;U)：</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>主题(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Notify when my transfers finish or fail</source>
        <translation>我的传输完成或失败时通知我(&amp;N)</translation>
    </message>
    <message>
        <source>While the window is not in front: one notification per upload or download</source>
        <translation>窗口不在前台时：每次上传或下载一条通知</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>不限速</translation>
    </message>
    <message>
        <source>Bytes per second for all of them together, like 500K or 2M; empty: no limit</source>
        <translation>所有传输合计的每秒字节数，例如 500K 或 2M；留空：不限速</translation>
    </message>
    <message>
        <source>The download folder “%1” is not a full path</source>
        <translation>下载文件夹“%1”不是完整路径</translation>
    </message>
    <message>
        <source>The download folder “%1” does not exist</source>
        <translation>下载文件夹“%1”不存在</translation>
    </message>
    <message>
        <source>The download folder “%1” is not a folder</source>
        <translation>下载文件夹“%1”不是文件夹</translation>
    </message>
    <message>
        <source>The download limit “%1” is not a rate: write a number and K or M, like 2M</source>
        <translation>下载限速“%1”不是速率：请写数字加 K 或 M，例如 2M</translation>
    </message>
    <message>
        <source>The upload limit “%1” is not a rate: write a number and K or M, like 2M</source>
        <translation>上传限速“%1”不是速率：请写数字加 K 或 M，例如 2M</translation>
    </message>
</context>
<context>
    <name>Properties</name>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>空间</translation>
    </message>
    <message>
        <source>Parent folder id</source>
        <translation>上级文件夹 ID</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Extension</source>
        <translation>扩展名</translation>
    </message>
    <message>
        <source>UUID</source>
        <translation>UUID</translation>
    </message>
    <message>
        <source>Created by</source>
        <translation>创建人</translation>
    </message>
    <message>
        <source>Modified by</source>
        <translation>修改人</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>修改时间</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>只读</translation>
    </message>
    <message>
        <source>Partition</source>
        <translation>存储分区</translation>
    </message>
    <message>
        <source>Stored in</source>
        <translation>存储位置</translation>
    </message>
    <message>
        <source>Thumbnail</source>
        <translation>缩略图</translation>
    </message>
    <message>
        <source>App properties</source>
        <translation>应用属性</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>In the recycle bin</source>
        <translation>在回收站中</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>音频</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>压缩包</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>快捷方式</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>DingTalk document</source>
        <translation>钉钉文档</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Public cloud OSS</source>
        <translation>公有云 OSS</translation>
    </message>
    <message>
        <source>Dedicated mini OSS</source>
        <translation>专属小型 OSS</translation>
    </message>
    <message>
        <source>DingTalk storage</source>
        <translation>钉钉存储</translation>
    </message>
    <message>
        <source>DingTalk Docs</source>
        <translation>钉钉文档</translation>
    </message>
    <message>
        <source>DingTalk Shanji</source>
        <translation>钉钉闪记</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>This computer (local storage)</source>
        <translation>本机（本地存储）</translation>
    </message>
    <message>
        <source>%1 (%2 bytes)</source>
        <translation>%1（%2 字节）</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>PropertiesDialog</name>
    <message>
        <source>Properties of %1</source>
        <translation>“%1”的属性</translation>
    </message>
    <message>
        <source>Properties</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1：</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>RecycleBinActions</name>
    <message>
        <source>Move “%1” to the recycle bin?</source>
        <translation>要将“%1”移到回收站吗？</translation>
    </message>
    <message numerus="yes">
        <source>Move these %Ln item(s) to the recycle bin?</source>
        <translation>
            <numerusform>要将这 %Ln 项移到回收站吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>You can undo this, or restore from the recycle bin later.</source>
        <translation>你可以撤销此操作，或稍后从回收站还原。</translation>
    </message>
    <message>
        <source>Moved “%1” to the recycle bin.</source>
        <translation>已将“%1”移到回收站。</translation>
    </message>
    <message numerus="yes">
        <source>Moved %Ln item(s) to the recycle bin.</source>
        <translation>
            <numerusform>已将 %Ln 项移到回收站。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s) could not be deleted: %1</source>
        <translation>
            <numerusform>有 %Ln 项无法删除：%1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Bring back the %Ln item(s) just moved to the recycle bin</source>
        <translation>
            <numerusform>还原刚移到回收站的 %Ln 项</numerusform>
        </translation>
    </message>
    <message>
        <source>Restoring…</source>
        <translation>正在还原…</translation>
    </message>
    <message numerus="yes">
        <source>Restored %Ln item(s).</source>
        <translation>
            <numerusform>已还原 %Ln 项。</numerusform>
        </translation>
    </message>
    <message>
        <source>“%1”: %2</source>
        <translation>“%1”：%2</translation>
    </message>
    <message numerus="yes">
        <source>and %Ln more</source>
        <translation>
            <numerusform>另有 %Ln 项</numerusform>
        </translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>还原</translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s) could not be restored:</source>
        <translation>
            <numerusform>有 %Ln 项无法还原：</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete “%1” forever?</source>
        <translation>要永久删除“%1”吗？</translation>
    </message>
    <message numerus="yes">
        <source>Delete these %Ln item(s) forever?</source>
        <translation>
            <numerusform>要永久删除这 %Ln 项吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete forever</source>
        <translation>永久删除</translation>
    </message>
    <message numerus="yes">
        <source>Deleted %Ln item(s) forever.</source>
        <translation>
            <numerusform>已永久删除 %Ln 项。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete all %Ln item(s) in the recycle bin forever?</source>
        <translation>
            <numerusform>要永久删除回收站中的全部 %Ln 项吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>Empty recycle bin</source>
        <translation>清空回收站</translation>
    </message>
    <message>
        <source>The recycle bin is empty.</source>
        <translation>回收站是空的。</translation>
    </message>
    <message>
        <source>This cannot be undone.</source>
        <translation>此操作无法撤销。</translation>
    </message>
</context>
<context>
    <name>RecycleBinModel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Original location</source>
        <translation>原位置</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>删除时间</translation>
    </message>
    <message>
        <source>Deleted by</source>
        <translation>删除人</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Was at %1</source>
        <translation>原位置：%1</translation>
    </message>
    <message>
        <source>Deleted %1 by %2</source>
        <translation>%2 于 %1 删除</translation>
    </message>
    <message>
        <source>Deleted %1</source>
        <translation>删除于 %1</translation>
    </message>
</context>
<context>
    <name>RecycleBinView</name>
    <message>
        <source>Recycle bin</source>
        <translation>回收站</translation>
    </message>
    <message>
        <source>Recycle bin of the space</source>
        <translation>空间的回收站</translation>
    </message>
    <message>
        <source>Deleted files and folders stay here until you delete them forever or empty the recycle bin.</source>
        <translation>删除的文件和文件夹会保留在这里，直到你永久删除它们或清空回收站。</translation>
    </message>
    <message>
        <source>Recycle bin actions</source>
        <translation>回收站操作</translation>
    </message>
    <message>
        <source>Deleted items</source>
        <translation>已删除的项目</translation>
    </message>
    <message>
        <source>Recycle bin state</source>
        <translation>回收站状态</translation>
    </message>
    <message>
        <source>Recycle bin of %1</source>
        <translation>%1的回收站</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>The recycle bin is empty.</source>
        <translation>回收站是空的。</translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s) match the filter</source>
        <translation>
            <numerusform>%Ln 项符合筛选条件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s) in the recycle bin</source>
        <translation>
            <numerusform>回收站中有 %Ln 项</numerusform>
        </translation>
    </message>
    <message>
        <source>Recycle bin menu</source>
        <translation>回收站菜单</translation>
    </message>
</context>
<context>
    <name>RoleGate</name>
    <message>
        <source>Uploading here needs the Editor role or higher; your role: %1</source>
        <translation>在此上传需要编辑者或更高的角色；你的角色：%1</translation>
    </message>
    <message>
        <source>Making a folder here needs the Editor role or higher; your role: %1</source>
        <translation>在此新建文件夹需要编辑者或更高的角色；你的角色：%1</translation>
    </message>
    <message>
        <source>Moving or copying into this folder needs the Editor role or higher; your role: %1</source>
        <translation>移动或复制到此文件夹需要编辑者或更高的角色；你的角色：%1</translation>
    </message>
    <message>
        <source>Moving needs the Editor role or higher; your role on “%1”: %2</source>
        <translation>移动需要编辑者或更高的角色；你对“%1”的角色：%2</translation>
    </message>
    <message>
        <source>Renaming needs the Editor role or higher; your role on “%1”: %2</source>
        <translation>重命名需要编辑者或更高的角色；你对“%1”的角色：%2</translation>
    </message>
    <message>
        <source>Deleting needs the Editor role or higher; your role on “%1”: %2</source>
        <translation>删除需要编辑者或更高的角色；你对“%1”的角色：%2</translation>
    </message>
    <message>
        <source>Sharing needs the Manager role or higher; your role on “%1”: %2</source>
        <translation>共享需要管理者或更高的角色；你对“%1”的角色：%2</translation>
    </message>
    <message>
        <source>Copying needs the Downloader role or higher; your role on “%1”: %2</source>
        <translation>复制需要下载者或更高的角色；你对“%1”的角色：%2</translation>
    </message>
    <message>
        <source>Downloading needs the Downloader role or higher; your role on “%1”: %2</source>
        <translation>下载需要下载者或更高的角色；你对“%1”的角色：%2</translation>
    </message>
    <message>
        <source>Opening a file needs the Downloader role or higher; your role on “%1”: %2</source>
        <translation>打开文件需要下载者或更高的角色；你对“%1”的角色：%2</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <source>Owner</source>
        <translation>所有者</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>管理者</translation>
    </message>
    <message>
        <source>Editor</source>
        <translation>编辑者</translation>
    </message>
    <message>
        <source>Downloader</source>
        <translation>下载者</translation>
    </message>
    <message>
        <source>Reader</source>
        <translation>查看者</translation>
    </message>
    <message>
        <source>Everything, also giving the Owner role</source>
        <translation>所有操作，包括授予所有者角色</translation>
    </message>
    <message>
        <source>Edits, and decides who has access</source>
        <translation>编辑，并决定谁可以访问</translation>
    </message>
    <message>
        <source>Downloads, uploads, renames, moves and deletes</source>
        <translation>下载、上传、重命名、移动和删除</translation>
    </message>
    <message>
        <source>Sees, previews and downloads</source>
        <translation>查看、预览和下载</translation>
    </message>
    <message>
        <source>Sees and previews, without downloading</source>
        <translation>查看和预览，不能下载</translation>
    </message>
    <message>
        <source>none (this folder only leads to what is shared with you)</source>
        <translation>无（此文件夹只是通往共享给你的内容的路径）</translation>
    </message>
</context>
<context>
    <name>SearchDialog</name>
    <message>
        <source>Search: %1</source>
        <translation>搜索：%1</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>搜索结果</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) found for “%1”</source>
        <translation>
            <numerusform>找到 %n 个与“%1”匹配的项目</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing found for “%1”</source>
        <translation>没有找到与“%1”匹配的项目</translation>
    </message>
    <message>
        <source>Search results list</source>
        <translation>搜索结果列表</translation>
    </message>
</context>
<context>
    <name>ShareActions</name>
    <message>
        <source>%1 now holds the role %2</source>
        <translation>%1 现在的角色是%2</translation>
    </message>
    <message>
        <source>The chosen members now hold the role %1</source>
        <translation>所选成员现在的角色是%1</translation>
    </message>
    <message>
        <source>Taken back: %1</source>
        <translation>已收回：%1</translation>
    </message>
    <message>
        <source>Asking the service…</source>
        <translation>正在询问存储服务…</translation>
    </message>
    <message>
        <source>Not done: %1</source>
        <translation>未完成：%1</translation>
    </message>
</context>
<context>
    <name>ShareDialog</name>
    <message>
        <source>Never</source>
        <translation>永不</translation>
    </message>
    <message>
        <source>In 1 hour</source>
        <translation>1 小时后</translation>
    </message>
    <message>
        <source>In 1 day</source>
        <translation>1 天后</translation>
    </message>
    <message>
        <source>In 7 days</source>
        <translation>7 天后</translation>
    </message>
    <message>
        <source>In 30 days</source>
        <translation>30 天后</translation>
    </message>
    <message>
        <source>Share “%1”</source>
        <translation>共享“%1”</translation>
    </message>
    <message numerus="yes">
        <source>Share %n item(s)</source>
        <translation>
            <numerusform>共享 %n 项</numerusform>
        </translation>
    </message>
    <message>
        <source>Members</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Member (unionId)</source>
        <translation>成员（unionId）</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>A role reaches everything inside a folder.</source>
        <translation>角色对文件夹内的所有内容都有效。</translation>
    </message>
    <message>
        <source>New role of the chosen members</source>
        <translation>所选成员的新角色</translation>
    </message>
    <message>
        <source>C&amp;hange role</source>
        <translation>更改角色(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>Add a member</source>
        <translation>添加成员</translation>
    </message>
    <message>
        <source>unionId of the member</source>
        <translation>成员的 unionId</translation>
    </message>
    <message>
        <source>The user&apos;s unionId</source>
        <translation>用户的 unionId</translation>
    </message>
    <message>
        <source>Role of the new member</source>
        <translation>新成员的角色</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Member:</source>
        <translation>成员(&amp;M)：</translation>
    </message>
    <message>
        <source>R&amp;ole:</source>
        <translation>角色(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Lapses:</source>
        <translation>失效(&amp;L)：</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Always</source>
        <translation>长期有效</translation>
    </message>
    <message>
        <source>Nobody besides the space&apos;s owner</source>
        <translation>除空间所有者外没有其他成员</translation>
    </message>
    <message>
        <source>Your role: asking the service…</source>
        <translation>你的角色：正在询问存储服务…</translation>
    </message>
    <message>
        <source>Your role: %1</source>
        <translation>你的角色：%1</translation>
    </message>
    <message>
        <source>You can give at most your own role: %1</source>
        <translation>你最多只能授予自己的角色：%1</translation>
    </message>
    <message>
        <source>“%1” holds a role above yours; only someone with that role can change it</source>
        <translation>“%1”的角色高于你的角色；只有拥有该角色的人才能更改</translation>
    </message>
    <message>
        <source>Give the chosen members the role on the left</source>
        <translation>授予所选成员左侧的角色</translation>
    </message>
    <message>
        <source>Take the chosen members&apos; roles back</source>
        <translation>收回所选成员的角色</translation>
    </message>
    <message>
        <source>Give this user the role on what is shared</source>
        <translation>授予此用户对共享内容的角色</translation>
    </message>
    <message>
        <source>Type the user&apos;s unionId first</source>
        <translation>请先输入用户的 unionId</translation>
    </message>
</context>
<context>
    <name>Sizes</name>
    <message numerus="yes">
        <source>%Ln byte(s)</source>
        <translation>
            <numerusform>%Ln 字节</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SpaceSearch</name>
    <message>
        <source>Searching for “%1”…</source>
        <translation>正在搜索“%1”…</translation>
    </message>
    <message>
        <source>Search failed: %1</source>
        <translation>搜索失败：%1</translation>
    </message>
</context>
<context>
    <name>SpacesPane</name>
    <message>
        <source>organization</source>
        <translation>组织</translation>
    </message>
    <message>
        <source>personal</source>
        <translation>个人</translation>
    </message>
    <message>
        <source>Spaces</source>
        <translation>空间</translation>
    </message>
    <message>
        <source>Folders</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>&amp;Spaces</source>
        <translation>空间(&amp;S)</translation>
    </message>
    <message>
        <source>F&amp;olders</source>
        <translation>文件夹(&amp;O)</translation>
    </message>
    <message>
        <source>Space id: %1</source>
        <translation>空间 ID：%1</translation>
    </message>
    <message>
        <source>Recycle bin</source>
        <translation>回收站</translation>
    </message>
    <message>
        <source>What was deleted from %1</source>
        <translation>从%1删除的内容</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>StatusLine</name>
    <message>
        <source>Item count</source>
        <translation>项目数</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message numerus="yes">
        <source>%Ln+ item(s)</source>
        <translation>
            <numerusform>%Ln+ 项</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s)</source>
        <translation>
            <numerusform>%Ln 项</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 — %2 selected (%3)</source>
        <translation>%1 — 已选择 %2 项（%3）</translation>
    </message>
    <message>
        <source>%1 — %2 selected</source>
        <translation>%1 — 已选择 %2 项</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
</context>
<context>
    <name>TransferActions</name>
    <message>
        <source>Preparing the upload…</source>
        <translation>正在准备上传…</translation>
    </message>
    <message>
        <source>Cannot upload: %1</source>
        <translation>无法上传：%1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln items skipped, among them %1</source>
        <translation>
            <numerusform>已跳过 %Ln 项，其中包括 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>1 item skipped: %1</source>
        <translation>已跳过 1 项：%1</translation>
    </message>
    <message>
        <source>Upload files</source>
        <translation>上传文件</translation>
    </message>
    <message>
        <source>Upload folder</source>
        <translation>上传文件夹</translation>
    </message>
    <message>
        <source>1 item renamed: %1</source>
        <translation>已为 1 项改名：%1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln items renamed, among them %1</source>
        <translation>
            <numerusform>已为 %Ln 项改名，其中包括 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message numerus="yes">
        <source>Uploading %Ln file(s)…</source>
        <translation>
            <numerusform>正在上传 %Ln 个文件…</numerusform>
        </translation>
    </message>
    <message>
        <source>• %1 (%2) → %3</source>
        <translation>• %1（%2）→ %3</translation>
    </message>
    <message numerus="yes">
        <source>… and %Ln more</source>
        <translation>
            <numerusform>……另有 %Ln 项</numerusform>
        </translation>
    </message>
    <message>
        <source>Names the service refuses</source>
        <translation>服务不接受的名称</translation>
    </message>
    <message numerus="yes">
        <source>%Ln name(s) cannot be used as they are:</source>
        <translation>
            <numerusform>有 %Ln 个名称不能直接使用：</numerusform>
        </translation>
    </message>
    <message>
        <source>Replace the characters: each character the service refuses becomes “%1”, and dots and spaces at the end are dropped, giving the names after the arrows. Skip those: these items are not uploaded.</source>
        <translation>替换字符：服务不接受的每个字符都替换为“%1”，并去掉名称末尾的点和空格，得到箭头后面的名称。跳过这些项目：不上传这些项目。</translation>
    </message>
    <message>
        <source>Replace the characters</source>
        <translation>替换字符</translation>
    </message>
    <message>
        <source>Skip those</source>
        <translation>跳过这些项目</translation>
    </message>
    <message>
        <source>Select the files or folders to download</source>
        <translation>请选择要下载的文件或文件夹</translation>
    </message>
    <message>
        <source>The download folder %1 is not there: choose another in Preferences</source>
        <translation>下载文件夹 %1 不存在：请在首选项中另选一个</translation>
    </message>
    <message>
        <source>Download to</source>
        <translation>下载到</translation>
    </message>
    <message>
        <source>Listing the folders to download…</source>
        <translation>正在列出要下载的文件夹…</translation>
    </message>
    <message>
        <source>Cannot download: %1</source>
        <translation>无法下载：%1</translation>
    </message>
    <message>
        <source>1 item not downloaded: %1</source>
        <translation>有 1 项未下载：%1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln items not downloaded, among them %1</source>
        <translation>
            <numerusform>有 %Ln 项未下载，其中包括 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Everything was downloaded already</source>
        <translation>所有内容都已下载过</translation>
    </message>
    <message>
        <source>The space of this upload is not among this account&apos;s spaces</source>
        <translation>此上传所在的空间不在该账号的空间中</translation>
    </message>
    <message>
        <source>The uploaded file is no longer there</source>
        <translation>上传的文件已不在原处</translation>
    </message>
    <message>
        <source>The storage service makes thumbnails of pictures, PDF and text files and office documents only</source>
        <translation>存储服务只为图片、PDF 文件、文本文件和 Office 文档生成缩略图</translation>
    </message>
    <message>
        <source>Making thumbnails…</source>
        <translation>正在生成缩略图…</translation>
    </message>
    <message>
        <source>No thumbnail of “%1”: %2</source>
        <translation>无法生成“%1”的缩略图：%2</translation>
    </message>
    <message numerus="yes">
        <source>%Ln file(s) left out: the service makes no thumbnails of their kind</source>
        <translation>
            <numerusform>已略过 %Ln 个文件：服务不为此类文件生成缩略图</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TransferNotifier</name>
    <message>
        <source>Show transfers</source>
        <translation>查看传输</translation>
    </message>
    <message numerus="yes">
        <source>%Ln file(s) uploaded to %1</source>
        <translation>
            <numerusform>已上传 %Ln 个文件到“%1”</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln file(s) downloaded to %1</source>
        <translation>
            <numerusform>已下载 %Ln 个文件到“%1”</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln upload(s) failed</source>
        <translation>
            <numerusform>%Ln 个上传失败</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln download(s) failed</source>
        <translation>
            <numerusform>%Ln 个下载失败</numerusform>
        </translation>
    </message>
    <message>
        <source>Uploads failed</source>
        <translation>上传失败</translation>
    </message>
    <message>
        <source>Downloads failed</source>
        <translation>下载失败</translation>
    </message>
    <message>
        <source>Uploads finished</source>
        <translation>上传完成</translation>
    </message>
    <message>
        <source>Downloads finished</source>
        <translation>下载完成</translation>
    </message>
</context>
<context>
    <name>TransfersModel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Finishing</source>
        <translation>正在完成</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Upload</source>
        <translation>上传</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>剩余 %1</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>A transfer of the account %1: it runs when you use that account.</source>
        <translation>账号“%1”的传输：使用该账号时才会进行。</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/秒</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <source>Took %1</source>
        <translation>用时 %1</translation>
    </message>
    <message>
        <source>Average %1/s in %2</source>
        <translation>平均 %1/秒，用时 %2</translation>
    </message>
    <message>
        <source>(no longer there)</source>
        <translation>（已不存在）</translation>
    </message>
    <message>
        <source>Waiting for %1</source>
        <translation>等待“%1”</translation>
    </message>
    <message>
        <source>Remote folder</source>
        <translation>云端文件夹</translation>
    </message>
    <message>
        <source>Local path</source>
        <translation>本地路径</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>传输中</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>TransfersPanel</name>
    <message>
        <source>Transfers</source>
        <translation>传输</translation>
    </message>
    <message>
        <source>Transfers list</source>
        <translation>传输列表</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Pause the selected transfers</source>
        <translation>暂停所选的传输</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Resume the selected transfers</source>
        <translation>继续所选的传输</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancel the selected transfers</source>
        <translation>取消所选的传输</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Retry the selected transfers</source>
        <translation>重试所选的传输</translation>
    </message>
    <message>
        <source>Open containing folder</source>
        <translation>打开所在文件夹</translation>
    </message>
    <message>
        <source>Open the folder of the selected download in the file manager</source>
        <translation>在文件管理器中打开所选下载所在的文件夹</translation>
    </message>
    <message>
        <source>Show in Dentry</source>
        <translation>在 Dentry 中显示</translation>
    </message>
    <message>
        <source>Show the file of the selected upload in the window</source>
        <translation>在窗口中显示所选上传的文件</translation>
    </message>
    <message>
        <source>Clear finished</source>
        <translation>清除已完成</translation>
    </message>
    <message>
        <source>Clear finished transfers</source>
        <translation>清除已完成的传输</translation>
    </message>
    <message>
        <source>Transfers of other accounts</source>
        <translation>其他账号的传输</translation>
    </message>
    <message numerus="yes">
        <source>%Ln transfer(s) of other accounts are waiting; they run when you use those accounts.</source>
        <translation>
            <numerusform>%Ln 个其他账号的传输正在等待，使用相应账号时才会进行。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TransfersSummary</name>
    <message>
        <source>Total progress of the transfers</source>
        <translation>传输总进度</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln file(s)</source>
        <translation>
            <numerusform>%1/%Ln 个文件</numerusform>
        </translation>
    </message>
    <message>
        <source>Transfers: %1, %2 of %3</source>
        <translation>传输：%1，%2/%3</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>剩余 %1</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
</context>
<context>
    <name>UnsentEditsDialog</name>
    <message>
        <source>Edits not uploaded yet</source>
        <translation>尚未上传的修改</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) you opened from Dentry were saved with changes the storage service does not have yet (while Dentry was closed, or could not reach the service):</source>
        <translation>
            <numerusform>你从 Dentry 打开的 %n 个文件保存了存储服务上还没有的修改（在 Dentry 关闭期间，或无法连接存储服务时）：</numerusform>
        </translation>
    </message>
    <message>
        <source>Edited files</source>
        <translation>修改过的文件</translation>
    </message>
    <message>
        <source>%1 — saved %2</source>
        <translation>%1 — 保存于 %2</translation>
    </message>
    <message>
        <source>Upload: each ticked file becomes a new version of the file it was opened from; if that file changed on the service meanwhile, the edit is uploaded beside it under a new name. Discard: Dentry forgets the edits; the edited copies stay in %1. Later: asks again at the next start.</source>
        <translation>上传：每个勾选的文件成为其原文件的新版本；如果原文件在此期间已在存储服务上被修改，修改将以新名称上传到它旁边。放弃：Dentry 不再记着这些修改；修改过的副本仍保留在 %1。稍后：下次启动时再询问。</translation>
    </message>
    <message>
        <source>&amp;Upload</source>
        <translation>上传(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>放弃(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Later</source>
        <translation>稍后(&amp;L)</translation>
    </message>
</context>
<context>
    <name>VersionActions</name>
    <message>
        <source>Restoring version %1 of “%2”…</source>
        <translation>正在恢复“%2”的版本 %1…</translation>
    </message>
    <message>
        <source>Restored version %1 of “%2”: it is the newest version now.</source>
        <translation>已恢复“%2”的版本 %1：它现在是最新版本。</translation>
    </message>
    <message>
        <source>Cannot restore version %1: %2</source>
        <translation>无法恢复版本 %1：%2</translation>
    </message>
    <message>
        <source>Download to</source>
        <translation>下载到</translation>
    </message>
    <message>
        <source>%1 (version %2)%3</source>
        <translation>%1（版本 %2）%3</translation>
    </message>
    <message>
        <source>Downloading version %1 of “%2”…</source>
        <translation>正在下载“%2”的版本 %1…</translation>
    </message>
</context>
<context>
    <name>VersionsDialog</name>
    <message>
        <source>Versions of %1</source>
        <translation>“%1”的版本</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Versions of the file</source>
        <translation>文件的版本</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>保存时间</translation>
    </message>
    <message>
        <source>Saved by</source>
        <translation>保存人</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Versions state</source>
        <translation>版本状态</translation>
    </message>
    <message>
        <source>&amp;Download this version…</source>
        <translation>下载此版本(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Restore this version</source>
        <translation>恢复此版本(&amp;R)</translation>
    </message>
    <message>
        <source>Save this version&apos;s content as the newest version; the other versions stay</source>
        <translation>将此版本的内容保存为最新版本；其他版本仍会保留</translation>
    </message>
    <message>
        <source>%1 (current)</source>
        <translation>%1（当前）</translation>
    </message>
    <message numerus="yes">
        <source>%Ln version(s)</source>
        <translation>
            <numerusform>%Ln 个版本</numerusform>
        </translation>
    </message>
</context>
</TS>
