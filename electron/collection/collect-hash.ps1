<#
  Autopilot Harvester: collects what Windows Autopilot registration needs from this device (BRIEF section 2),
  together with the facts the app needs to explain a failure before it happens, in ONE PowerShell run
  (starting PowerShell on a slow machine in OOBE takes seconds).

  Runs on Windows PowerShell 5.1 as it ships in Windows, OOBE included: no PowerShell Gallery, no NuGet, no
  module install, no network. The app starts it with -ExecutionPolicy Bypass for that process only.

  Output: exactly one line on the pipeline, a compressed JSON object with every field always present. Characters
  outside ASCII are written as \uXXXX escapes, so the console code page (CP932 on Japanese Windows) cannot
  damage a model or computer name. Expected failures (not elevated, WinPE, the hash query failing, a locked-down
  PowerShell) are fields of that object; nothing is written to stderr for them. The app decides what each fact
  means. The Windows-only questions are asked through the functions below and Get-CimInstance, so that the
  Pester tests (tests/powershell/) can answer them on any system.
#>
param()

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$WarningPreference = 'SilentlyContinue'
$VerbosePreference = 'SilentlyContinue'

$facts = [ordered]@{
    schema           = 2
    # FullLanguage, or the mode a WDAC / AppLocker policy imposes (ConstrainedLanguage): in any other mode the
    # script stops here, since the .NET calls below are refused there.
    languageMode     = [string]$ExecutionContext.SessionState.LanguageMode
    isWindows        = $false
    isElevated       = $false
    isWinPE          = $false
    isVirtualMachine = $false
    computerName     = ''
    serial           = ''
    manufacturer     = ''
    model            = ''
    hash             = ''
    hashError        = ''
    # The MI_Result code of a failed hash query (1 failed, 2 access denied, 3 invalid namespace, 5 invalid
    # class): CimException.NativeErrorCode, the client's own code. When the CimCmdlets built the exception from
    # a provider's error instance (CimWriteError.Execute: new CimException(errorInstance)), NativeErrorCode stays
    # 0 and the code is only in StatusCode (CIM_Error.CIMStatusCode); StatusCode alone is 0 when there was no
    # such instance. So: NativeErrorCode, else StatusCode.
    hashErrorCode    = 0
    # ErrorRecord.FullyQualifiedErrorId, e.g. "MI RESULT 1,Microsoft.Management.Infrastructure.CimCmdlets.
    # GetCimInstanceCommand": the CimCmdlets build it from the error's MessageId (PowerShell's
    # src/Microsoft.Management.Infrastructure.CimCmdlets/CimWriteError.cs), the same in every display language.
    hashErrorId      = ''
    biosError        = ''
    systemError      = ''
    scriptError      = ''
    psVersion        = ''
    osVersion        = ''
}
# No "Windows Product ID": Get-WindowsAutoPilotInfo leaves it empty ("Getting the PKID is generally problematic
# for anyone other than OEMs"), and so does the app for the devices it collects.

function Test-WindowsPlatform {
    return ([Environment]::OSVersion.Platform -eq [PlatformID]::Win32NT)
}

function Test-Administrator {
    $identity = [Security.Principal.WindowsIdentity]::GetCurrent()
    $principal = New-Object Security.Principal.WindowsPrincipal $identity
    return $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)
}

function Get-ErrorText($errorRecord) {
    $exception = $errorRecord.Exception
    return ('{0}: {1}' -f $exception.GetType().FullName, $exception.Message)
}

function Get-CimErrorCode($errorRecord) {
    # Read by name along the inner exceptions: the CimException may be wrapped, and its type may not be loaded
    # when the failure happened elsewhere.
    $exception = $errorRecord.Exception
    while ($null -ne $exception) {
        foreach ($name in 'NativeErrorCode', 'StatusCode') {
            $property = $exception.PSObject.Properties[$name]
            if ($null -eq $property) { continue }
            $code = 0
            try { $code = [int]$property.Value } catch { $code = 0 }
            if ($code -ne 0) { return $code }
        }
        $exception = $exception.InnerException
    }
    return 0
}

function Get-Text($value) {
    if ($null -eq $value) { return '' }
    return ([string]$value).Trim()
}

function ConvertTo-AsciiJson($value) {
    $json = ConvertTo-Json -InputObject $value -Compress -Depth 2
    return [regex]::Replace($json, '[^\x00-\x7F]', { param($match) '\u{0:x4}' -f [int][char]$match.Value })
}

if ($facts.languageMode -ne 'FullLanguage') {
    # Every value is still ASCII here, and the regex evaluator above would not run in this mode.
    ConvertTo-Json -InputObject $facts -Compress -Depth 2
    return
}

try {
    $facts.psVersion = Get-Text $PSVersionTable.PSVersion
    $facts.osVersion = Get-Text ([Environment]::OSVersion.Version)
    $facts.isWindows = [bool](Test-WindowsPlatform)
    $facts.computerName = Get-Text ([Environment]::MachineName)

    if ($facts.isWindows) {
        $facts.isElevated = [bool](Test-Administrator)
        # Windows PE creates this key at boot; full Windows (OOBE included) never has it.
        $facts.isWinPE = [bool](Test-Path -LiteralPath 'HKLM:\SYSTEM\CurrentControlSet\Control\MiniNT')

        try {
            # Some firmware reports more than one BIOS object; the first is taken as the system's (an
            # assumption, as Get-WindowsAutoPilotInfo takes the serial of the first Win32_BIOS too).
            $bios = Get-CimInstance -ClassName Win32_BIOS | Select-Object -First 1
            if ($null -ne $bios) { $facts.serial = Get-Text $bios.SerialNumber }
        } catch {
            $facts.biosError = Get-ErrorText $_
        }

        try {
            $system = Get-CimInstance -ClassName Win32_ComputerSystem | Select-Object -First 1
            if ($null -ne $system) {
                $facts.manufacturer = Get-Text $system.Manufacturer
                $facts.model = Get-Text $system.Model
            }
        } catch {
            $facts.systemError = Get-ErrorText $_
        }
        # Hypervisors name themselves in SMBIOS; "Virtual Machine" is Hyper-V's model.
        $vmPattern = 'Virtual Machine|VMware|VirtualBox|innotek|QEMU|KVM|Hyper-V|Xen|Parallels|Bochs'
        $facts.isVirtualMachine = ('{0} {1}' -f $facts.manufacturer, $facts.model) -match $vmPattern

        # Without administrator rights the query only fails with "access denied", and WinPE has no MDM
        # provider: skip it there and save the seconds it takes.
        if ($facts.isElevated -and -not $facts.isWinPE) {
            try {
                # A provider that never answers must not cost every other fact: the query gives up well
                # before the app's own time-out (120 s) and the answer says why.
                $query = @{
                    Namespace           = 'root/cimv2/mdm/dmmap'
                    ClassName           = 'MDM_DevDetail_Ext01'
                    Filter              = "InstanceID='Ext' AND ParentID='./DevDetail'"
                    OperationTimeoutSec = 90
                }
                $devDetail = Get-CimInstance @query | Select-Object -First 1
                if ($null -ne $devDetail) { $facts.hash = Get-Text $devDetail.DeviceHardwareData }
            } catch {
                $facts.hashError = Get-ErrorText $_
                $facts.hashErrorCode = Get-CimErrorCode $_
                $facts.hashErrorId = Get-Text $_.FullyQualifiedErrorId
            }
        }
    }
} catch {
    $facts.scriptError = Get-ErrorText $_
}

ConvertTo-AsciiJson $facts
