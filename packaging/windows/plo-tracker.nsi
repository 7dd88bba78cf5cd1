; The Windows installer of PLO Tracker (NSIS 3, Modern UI 2), made by packaging/build.py:
;
;   makensis /DVERSION=0.7.0 /DDIST=C:\src\plo-tracker\dist\plo-tracker
;            [/DOUTFILE=C:\src\plo-tracker\dist\PLO-Tracker-0.7.0-setup.exe]
;            [/DICON=C:\src\plo-tracker\build\icons\plo-tracker.ico] packaging\windows\plo-tracker.nsi
;
; It installs for every user of the machine (administrator rights) into
; C:\Program Files\PLO Tracker, adds the Start menu entry "PLO Tracker", Uninstall.exe and
; the entry in Apps and features. For deployment tools:
;   PLO-Tracker-0.7.0-setup.exe /S [/D=C:\path]      (/D= must come last, without quotes)
;   "C:\Program Files\PLO Tracker\Uninstall.exe" /S
; Uninstalling removes the program's own files only: databases, backups and letters are in
; each user's data folder (%LOCALAPPDATA%\PLO Tracker) and are never touched.

Unicode true

!ifndef VERSION
  !error "Give the version: makensis /DVERSION=0.7.0 ..."
!endif
!ifndef DIST
  !error "Give the folder PyInstaller made: makensis /DDIST=...\dist\plo-tracker ..."
!endif
!ifndef OUTFILE
  !define OUTFILE "PLO-Tracker-${VERSION}-setup.exe"
!endif
; Windows wants four numbers in a file's version.
!ifndef VIVERSION
  !define VIVERSION "${VERSION}.0"
!endif

!define APPNAME "PLO Tracker"
!define PUBLISHER "PLO Tracker"
!define CONSOLE_EXE "plo-tracker.exe"
!define WINDOW_EXE "PLO Tracker.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\PLO Tracker"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "x64.nsh"

Name "${APPNAME} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${APPNAME}"
RequestExecutionLevel admin
; The best compression for the real installer; a quick one for build.py's compile check on
; Linux (/DQUICK_CHECK), where only compiling is being tested: no compression at all.
!ifdef QUICK_CHECK
  SetCompress off
!else
  SetCompressor /SOLID lzma
!endif
ManifestDPIAware true
BrandingText "${APPNAME} ${VERSION}"

VIProductVersion "${VIVERSION}"
VIFileVersion "${VIVERSION}"
VIAddVersionKey "ProductName" "${APPNAME}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "FileDescription" "${APPNAME} ${VERSION} setup"
VIAddVersionKey "CompanyName" "${PUBLISHER}"
VIAddVersionKey "LegalCopyright" "MIT licence"

!ifdef ICON
  !define MUI_ICON "${ICON}"
  !define MUI_UNICON "${ICON}"
!endif
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${WINDOW_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "Start ${APPNAME}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "${APPNAME} needs 64-bit Windows 10 or 11." /SD IDOK
    Abort
  ${EndIf}
  ; The 64-bit registry, where Apps and features reads 64-bit programs.
  SetRegView 64
  SetShellVarContext all
  ; An upgrade goes where the last version went, unless /D= chose another folder. (Read
  ; here, not with InstallDirRegKey, which reads the 32-bit registry before this runs.)
  ReadRegStr $0 HKLM "${UNINSTALL_KEY}" "InstallLocation"
  ${If} $0 != ""
  ${AndIf} $INSTDIR == "$PROGRAMFILES64\${APPNAME}"
    StrCpy $INSTDIR $0
  ${EndIf}
FunctionEnd

Function un.onInit
  SetRegView 64
  SetShellVarContext all
FunctionEnd

; The program's own files in a folder, and nothing else: never a user's data.
!macro RemoveProgramFiles FOLDER
  RMDir /r "${FOLDER}\_internal"
  Delete "${FOLDER}\${CONSOLE_EXE}"
  Delete "${FOLDER}\${WINDOW_EXE}"
  Delete "${FOLDER}\Uninstall.exe"
!macroend

Section "${APPNAME}" SectionProgram
  SectionIn RO
  ; Upgrading: the older version's files go first, so no file it had and this one has not
  ; is left behind (wherever it was installed).
  ReadRegStr $0 HKLM "${UNINSTALL_KEY}" "InstallLocation"
  ${If} $0 != ""
  ${AndIf} ${FileExists} "$0\${CONSOLE_EXE}"
    !insertmacro RemoveProgramFiles "$0"
  ${EndIf}
  !insertmacro RemoveProgramFiles "$INSTDIR"

  SetOutPath "$INSTDIR"
  File /r "${DIST}\*.*"
  WriteUninstaller "$INSTDIR\Uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${APPNAME}.lnk" "$INSTDIR\${WINDOW_EXE}" "" \
      "$INSTDIR\${WINDOW_EXE}" 0 SW_SHOWNORMAL "" "Track families through PLO pre-proceedings"

  ; Apps and features.
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${WINDOW_EXE},0"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\Uninstall.exe"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\Uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $1 $2 $3
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "EstimatedSize" $1
SectionEnd

Section "Uninstall"
  Delete "$SMPROGRAMS\${APPNAME}.lnk"
  !insertmacro RemoveProgramFiles "$INSTDIR"
  ; Removed only if nothing else is in it.
  RMDir "$INSTDIR"
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
SectionEnd
