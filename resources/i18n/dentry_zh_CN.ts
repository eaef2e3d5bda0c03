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
        <source>Downloading “%1” to open it…</source>
        <translation>正在下载“%1”以便打开…</translation>
    </message>
    <message>
        <source>Could not open “%1”: %2</source>
        <translation>无法打开“%1”：%2</translation>
    </message>
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
    <message numerus="yes">
        <source>%Ln item(s) could not be deleted: %1</source>
        <translation>
            <numerusform>有 %Ln 项无法删除：%1</numerusform>
        </translation>
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
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>Do&amp;wnload to…</source>
        <translation>下载到(&amp;W)…</translation>
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
</TS>
