<#
  Autopilot Harvester: collects what Windows Autopilot registration needs from this device (BRIEF section 2),
  together with the facts the app needs to explain a failure before it happens, in ONE PowerShell run
  (starting PowerShell on a slow machine in OOBE takes seconds).

  Runs on Windows PowerShell 5.1 as it ships in Windows, OOBE included: no PowerShell Gallery, no NuGet, no
  module install, no network. The app starts it with -ExecutionPolicy Bypass for that process only.

  Output: exactly one line on stdout, a compressed JSON object with every field always present. Characters
  outside ASCII are written as \uXXXX escapes, so the console code page (CP932 on Japanese Windows) cannot
  damage a model or computer name. Expected failures (not elevated, WinPE, the hash query failing) are fields
  of that object; nothing is written to stderr for them. The app decides what each fact means.
#>
param()

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$WarningPreference = 'SilentlyContinue'
$VerbosePreference = 'SilentlyContinue'

$facts = [ordered]@{
    schema           = 1
    isWindows        = $false
    isElevated       = $false
    isWinPE          = $false
    isVirtualMachine = $false
    computerName     = ''
    serial           = ''
    manufacturer     = ''
    model            = ''
    # Left empty on purpose. The Windows Product ID the importers accept is the 13-digit OEM PKID, and Windows
    # offers no reliable place to read it: SoftwareLicensingService.OA3xOriginalProductKey is the product key
    # itself (a secret, not its ID) and HKLM:\...\CurrentVersion\ProductId is this installation's product ID
    # (xxxxx-xxxxx-xxxxx-xxxxx), a different number. The OA3 tool embeds the PKID in the hash (record 24),
    # so the app reads it from there once the hash has been verified.
    productId        = ''
    hash             = ''
    hashError        = ''
    # MI_RESULT status of a failed hash query (CimException.StatusCode); 1 is MI_RESULT_FAILED, the code of the
    # KB5013942 failure "A general error occurred that is not covered by a more specific error code".
    hashErrorCode    = 0
    biosError        = ''
    systemError      = ''
    scriptError      = ''
    psVersion        = ''
    osVersion        = ''
}

function Get-ErrorText($errorRecord) {
    $exception = $errorRecord.Exception
    return ('{0}: {1}' -f $exception.GetType().FullName, $exception.Message)
}

function Get-CimStatusCode($errorRecord) {
    # Read by name: the CimException type may not be loaded when the failure happened elsewhere.
    $property = $errorRecord.Exception.PSObject.Properties['StatusCode']
    if ($null -eq $property) { return 0 }
    try { return [int]$property.Value } catch { return 0 }
}

function Get-Text($value) {
    if ($null -eq $value) { return '' }
    return ([string]$value).Trim()
}

function Write-Facts {
    $json = ConvertTo-Json -InputObject $facts -Compress -Depth 2
    $ascii = [regex]::Replace($json, '[^\x00-\x7F]', { param($match) '\u{0:x4}' -f [int][char]$match.Value })
    [Console]::Out.WriteLine($ascii)
}

try {
    $facts.psVersion = Get-Text $PSVersionTable.PSVersion
    $facts.osVersion = Get-Text ([Environment]::OSVersion.Version)
    $facts.isWindows = ([Environment]::OSVersion.Platform -eq [PlatformID]::Win32NT)
    $facts.computerName = Get-Text ([Environment]::MachineName)

    if ($facts.isWindows) {
        $identity = [Security.Principal.WindowsIdentity]::GetCurrent()
        $principal = New-Object Security.Principal.WindowsPrincipal $identity
        $facts.isElevated = $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)
        # Windows PE creates this key at boot; full Windows (OOBE included) never has it.
        $facts.isWinPE = Test-Path -LiteralPath 'HKLM:\SYSTEM\CurrentControlSet\Control\MiniNT'

        try {
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
                $query = @{
                    Namespace = 'root/cimv2/mdm/dmmap'
                    ClassName = 'MDM_DevDetail_Ext01'
                    Filter    = "InstanceID='Ext' AND ParentID='./DevDetail'"
                }
                $devDetail = Get-CimInstance @query | Select-Object -First 1
                if ($null -ne $devDetail) { $facts.hash = Get-Text $devDetail.DeviceHardwareData }
            } catch {
                $facts.hashError = Get-ErrorText $_
                $facts.hashErrorCode = Get-CimStatusCode $_
            }
        }
    }
} catch {
    $facts.scriptError = Get-ErrorText $_
}

Write-Facts
