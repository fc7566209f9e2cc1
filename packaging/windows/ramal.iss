; Inno Setup 6 script for Ramal's Windows installer.
; Build (after packaging\windows\ramal.spec produced dist\Ramal):
;   iscc /DAppVersion=0.1.0 /DDistDir=..\..\dist\Ramal packaging\windows\ramal.iss
; DistDir is relative to this script's folder (or absolute). Output: packaging\windows\Output\.
;
; Installs per user by default (no administrator needed, {localappdata}\Programs\Ramal), or for
; all users when run as administrator and chosen in the first dialog. Start menu entry; optional
; desktop icon; optional "start with Windows" (the same HKCU Run value "Ramal" that
; desktop/system/autostart.py reads and writes, so the app's setting and the installer agree);
; tel:, sip: and callto: links open Ramal (Ramal.exe "<link>": the running Ramal receives it
; through desktop/app/single_instance.py and dials). The MSVC runtime DLLs are inside the bundle
; (app-local, see ramal.spec): no separate Visual C++ Redistributable is needed.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef DistDir
  #define DistDir "..\..\dist\Ramal"
#endif
#define AppExe "Ramal.exe"
#define CliExe "ramal-cli.exe"

[Setup]
AppId={{6F2B8A54-3C1D-4E7A-9B0F-52A1D7C3E9B4}
AppName=Ramal
AppVersion={#AppVersion}
AppVerName=Ramal {#AppVersion}
AppPublisher=Ramal
DefaultDirName={autopf}\Ramal
DefaultGroupName=Ramal
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputBaseFilename=ramal-{#AppVersion}-windows-x64-setup
SetupIconFile=..\icons\ramal.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName=Ramal
LicenseFile=..\..\resources\licenses\GPL-2.0.txt
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; close a running Ramal (Restart Manager) before replacing its files
CloseApplications=yes
RestartApplications=no
ChangesAssociations=yes

[Languages]
Name: "ptbr"; MessagesFile: "compiler:Languages\BrazilianPortuguese.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
ptbr.TaskDesktop=Criar um atalho na área de trabalho
en.TaskDesktop=Create a desktop shortcut
ptbr.TaskAutostart=Iniciar o Ramal junto com o Windows
en.TaskAutostart=Start Ramal when Windows starts
ptbr.TaskLinks=Abrir links tel:, sip: e callto: com o Ramal (clicar num número no navegador liga)
en.TaskLinks=Open tel:, sip: and callto: links with Ramal (click a number in the browser to dial)
ptbr.RunRamal=Abrir o Ramal
en.RunRamal=Open Ramal
ptbr.SelfTestFailed=O autoteste do Ramal falhou (código %1). Rode "%2" --self-test num Prompt de Comando para ver o motivo.
en.SelfTestFailed=Ramal's self-test failed (code %1). Run "%2" --self-test in a Command Prompt to see why.
ptbr.UrlTel=URL:Telefone (tel)
en.UrlTel=URL:Telephone (tel)
ptbr.UrlSip=URL:Chamada SIP (sip)
en.UrlSip=URL:SIP call (sip)
ptbr.UrlCallto=URL:Ligar para (callto)
en.UrlCallto=URL:Call to (callto)

[Tasks]
Name: "links"; Description: "{cm:TaskLinks}"
Name: "autostart"; Description: "{cm:TaskAutostart}"; Flags: unchecked
Name: "desktopicon"; Description: "{cm:TaskDesktop}"; Flags: unchecked

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Ramal"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\Ramal"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Registry]
; --- tel:, sip:, callto: -> Ramal.exe "<link>" (HKA: HKCU for a per-user install, HKLM for all users)
Root: HKA; Subkey: "Software\Classes\tel"; ValueType: string; ValueName: ""; ValueData: "{cm:UrlTel}"; Tasks: links; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\tel"; ValueType: string; ValueName: "URL Protocol"; ValueData: ""; Tasks: links
Root: HKA; Subkey: "Software\Classes\tel\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"; Tasks: links
Root: HKA; Subkey: "Software\Classes\tel\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: links
Root: HKA; Subkey: "Software\Classes\sip"; ValueType: string; ValueName: ""; ValueData: "{cm:UrlSip}"; Tasks: links; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\sip"; ValueType: string; ValueName: "URL Protocol"; ValueData: ""; Tasks: links
Root: HKA; Subkey: "Software\Classes\sip\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"; Tasks: links
Root: HKA; Subkey: "Software\Classes\sip\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: links
Root: HKA; Subkey: "Software\Classes\callto"; ValueType: string; ValueName: ""; ValueData: "{cm:UrlCallto}"; Tasks: links; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\callto"; ValueType: string; ValueName: "URL Protocol"; ValueData: ""; Tasks: links
Root: HKA; Subkey: "Software\Classes\callto\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"; Tasks: links
Root: HKA; Subkey: "Software\Classes\callto\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: links
; --- the same as a "Default apps" capability, so Windows 10/11 lists Ramal for these links even
; when another app (Teams, Skype) holds the user's choice
Root: HKA; Subkey: "Software\Classes\Ramal.Link"; ValueType: string; ValueName: ""; ValueData: "Ramal"; Tasks: links; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Ramal.Link"; ValueType: string; ValueName: "URL Protocol"; ValueData: ""; Tasks: links
Root: HKA; Subkey: "Software\Classes\Ramal.Link\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"; Tasks: links
Root: HKA; Subkey: "Software\Classes\Ramal.Link\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: links
Root: HKA; Subkey: "Software\Ramal\Capabilities"; ValueType: string; ValueName: "ApplicationName"; ValueData: "Ramal"; Tasks: links; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Ramal\Capabilities"; ValueType: string; ValueName: "ApplicationDescription"; ValueData: "Ramal 3CX com a ficha do cliente IXC"; Tasks: links
Root: HKA; Subkey: "Software\Ramal\Capabilities\URLAssociations"; ValueType: string; ValueName: "tel"; ValueData: "Ramal.Link"; Tasks: links
Root: HKA; Subkey: "Software\Ramal\Capabilities\URLAssociations"; ValueType: string; ValueName: "sip"; ValueData: "Ramal.Link"; Tasks: links
Root: HKA; Subkey: "Software\Ramal\Capabilities\URLAssociations"; ValueType: string; ValueName: "callto"; ValueData: "Ramal.Link"; Tasks: links
Root: HKA; Subkey: "Software\RegisteredApplications"; ValueType: string; ValueName: "Ramal"; ValueData: "Software\Ramal\Capabilities"; Tasks: links; Flags: uninsdeletevalue
; --- start with Windows: per user, the value desktop/system/autostart.py manages
Root: HKCU; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: string; ValueName: "Ramal"; ValueData: """{app}\{#AppExe}"" gui --minimized"; Tasks: autostart; Flags: uninsdeletevalue

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:RunRamal}"; Flags: nowait postinstall skipifsilent

[Code]
// After copying the files, run the bundle's self-test (pjsua2 + MSVC runtime, Qt plugins,
// SQLite, translations) so a broken installation is reported now, not at the first call.
procedure CurStepChanged(CurStep: TSetupStep);
var
  ResultCode: Integer;
  Cli: String;
begin
  if CurStep = ssPostInstall then
  begin
    Cli := ExpandConstant('{app}\{#CliExe}');
    if Exec(Cli, '--self-test', ExpandConstant('{app}'), SW_HIDE, ewWaitUntilTerminated,
            ResultCode) then
    begin
      if (ResultCode <> 0) and not WizardSilent then
        MsgBox(FmtMessage(CustomMessage('SelfTestFailed'), [IntToStr(ResultCode), Cli]),
               mbError, MB_OK);
    end;
  end;
end;

// Uninstalling removes the autostart value even when the app (not the installer) wrote it.
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usPostUninstall then
    RegDeleteValue(HKEY_CURRENT_USER, 'Software\Microsoft\Windows\CurrentVersion\Run', 'Ramal');
end;
