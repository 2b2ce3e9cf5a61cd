; Inno Setup 6 script: RelJournal's Windows installer (a recipe: not built or tested in
; this project's CI, which runs on Linux).
;
; On Windows, from the repository's top folder:
;   py -3.11 -m venv .venv && .venv\Scripts\pip install -e ".[build]"
;   .venv\Scripts\pyinstaller --noconfirm build.spec
;   "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" resources\installer\windows\reljournal.iss
; -> dist\RelJournal-<version>-setup.exe
;
; Name and version are read from the frozen RelJournal.exe, whose version resource
; build.spec writes from reljournal/__init__.py, so there is one source of the version.

#define AppName "RelJournal"
#define AppExeName "RelJournal.exe"
#define DistDir AddBackslash(SourcePath) + "..\..\..\dist"
#define AppExe DistDir + "\RelJournal\" + AppExeName
#if !FileExists(AppExe)
  #error "dist\RelJournal\RelJournal.exe is missing: run pyinstaller build.spec first"
#endif
#define AppVersion GetStringFileInfo(AppExe, "ProductVersion")
#define AppPublisher GetStringFileInfo(AppExe, "CompanyName")

[Setup]
; A fixed AppId keeps upgrades and the uninstaller tied to one product.
AppId={{6F1D2A43-8C1B-4E0B-9D55-2B7C4A9E1F30}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per-user install without administrator rights unless the user chooses all users.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#DistDir}
OutputBaseFilename={#AppName}-{#AppVersion}-setup
SetupIconFile={#DistDir}\..\build\build\icons\reljournal.ico
UninstallDisplayIcon={app}\{#AppExeName}
LicenseFile={#DistDir}\..\LICENSE
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#DistDir}\RelJournal\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExeName}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExeName}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExeName}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; The journal lives in the user's data folder (%LOCALAPPDATA%\RelJournal), never under
; {app}; uninstalling removes the app and leaves the journal and its backups in place.
