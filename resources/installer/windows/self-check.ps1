# Runs the frozen app's self-check on Windows and shows its report. The app is a windowed
# program (no console of its own): it writes the report to the console it is started
# from when there is one, else to <data folder>\self-check.txt, which is printed here.
#   pwsh resources\installer\windows\self-check.ps1 -Exe dist\RelJournal\RelJournal.exe
param(
    [Parameter(Mandatory = $true)][string]$Exe,
    [string]$DataDir = (Join-Path ([System.IO.Path]::GetTempPath()) "reljournal-self-check")
)
$ErrorActionPreference = "Stop"
New-Item -ItemType Directory -Force -Path $DataDir | Out-Null
$env:RELJOURNAL_DATA_DIR = $DataDir
$report = Join-Path $DataDir "self-check.txt"
Remove-Item -ErrorAction SilentlyContinue $report
$p = Start-Process -FilePath $Exe -ArgumentList "--self-check" -Wait -PassThru -NoNewWindow
if (Test-Path $report) { Get-Content $report }
if ($p.ExitCode -ne 0) { throw "the self-check of $Exe failed (exit code $($p.ExitCode))" }
Write-Output "self-check passed: $Exe"
