<#
  Pester 5 tests of electron/collection/collect-hash.ps1, run by collect-hash.pester.test.ts in real pwsh.

  The Windows-only questions are answered by mocks, each a model of what Windows gives:
  - Get-CimInstance (the CIM cmdlets exist only on Windows; a stand-in function gives Mock something to
    replace). Win32_BIOS / Win32_ComputerSystem objects carry the properties the WMI classes document
    (SerialNumber; Manufacturer, Model). MDM_DevDetail_Ext01 carries DeviceHardwareData (MDM DevDetail CSP,
    Ext/DeviceHardwareData).
  - Failures of the hash query come in the two shapes the CimCmdlets produce (PowerShell's CimWriteError.cs),
    written as a non-terminating error with the error id they give it:
    - a real Microsoft.Management.Infrastructure.CimException built as the MI client builds one from a failed
      call (its MI_Result as NativeErrorCode, a message);
    - an exception built from a provider's CIM_Error instance (new CimException(errorInstance)), where
      NativeErrorCode stays 0 and the code is in StatusCode (CIM_Error.CIMStatusCode). A CimInstance cannot be
      made off Windows (no libmi), so a stand-in type with the same property names models it (the script reads
      them by name).
    The error id is the error's MessageId when the error carries one ("MI RESULT 1", "HRESULT 0x80041003" as
    field reports of these failures quote them), qualified with the cmdlet. Assumption: for the KB5013942
    failure NativeErrorCode is 1 (MI_RESULT_FAILED); its CIM_Error data, if any, is not modelled.
  - Test-WindowsPlatform and Test-Administrator (the script's own functions over .NET calls that only
    Windows answers), and Test-Path for the WinPE registry key.
#>

BeforeAll {
    $script:CollectScript = $env:COLLECT_HASH_SCRIPT
    if (-not $script:CollectScript) {
        $script:CollectScript = Join-Path $PSScriptRoot '../../../../electron/collection/collect-hash.ps1'
    }
    # The pwsh that runs these tests (a .NET tool's process is `dotnet`, so the runner names it).
    $script:Pwsh = if ($env:TEST_PWSH) { $env:TEST_PWSH } else { 'pwsh' }

    # CIM cmdlets do not exist off Windows; Mock needs a command of that name to replace.
    if (-not (Get-Command Get-CimInstance -ErrorAction SilentlyContinue)) {
        function global:Get-CimInstance {
            param([string]$Namespace, [string]$ClassName, [string]$Filter, [int]$OperationTimeoutSec)
            throw "Get-CimInstance was not mocked for $ClassName"
        }
    }

    # The script defines these itself; Mock needs a command of the name to exist before the script runs.
    function global:Test-WindowsPlatform { throw 'Test-WindowsPlatform was not mocked' }
    function global:Test-Administrator { throw 'Test-Administrator was not mocked' }

    Add-Type -TypeDefinition @'
namespace HarvesterTest {
    // The shape of a CimException made from a provider's CIM_Error instance: no NativeErrorCode, a StatusCode.
    public class CimErrorInstanceException : System.Exception {
        public CimErrorInstanceException(string message, uint statusCode) : base(message) { StatusCode = statusCode; }
        public int NativeErrorCode { get { return 0; } }
        public uint StatusCode { get; private set; }
    }
}
'@

    function script:New-CimInstanceFailure([uint32]$StatusCode, [string]$ErrorId, [string]$Message) {
        $exception = [HarvesterTest.CimErrorInstanceException]::new($Message, $StatusCode)
        $qualified = "$ErrorId,Microsoft.Management.Infrastructure.CimCmdlets.GetCimInstanceCommand"
        return [System.Management.Automation.ErrorRecord]::new($exception, $qualified, 'NotSpecified', $null)
    }

    function script:New-CimFailure([int]$Code, [string]$ErrorId, [string]$Message) {
        $type = [Microsoft.Management.Infrastructure.CimException]
        $flags = [Reflection.BindingFlags]'NonPublic,Instance'
        $ctor = $type.GetConstructors($flags) | Where-Object { $_.GetParameters().Count -eq 4 } | Select-Object -First 1
        $resultType = $ctor.GetParameters()[0].ParameterType
        $exception = $ctor.Invoke(@([Enum]::ToObject($resultType, $Code), $Message, $null, $Message))
        # Cmdlet.WriteError qualifies the id with the cmdlet's type name; a mock is no cmdlet, so the id is
        # written qualified already.
        $qualified = "$ErrorId,Microsoft.Management.Infrastructure.CimCmdlets.GetCimInstanceCommand"
        return [System.Management.Automation.ErrorRecord]::new($exception, $qualified, 'NotSpecified', $null)
    }

    # A healthy, elevated laptop; each test changes what its scenario needs.
    function script:Set-HealthyDevice {
        param(
            [string]$Manufacturer = 'LENOVO',
            [string]$Model = '20XW0026JP',
            [object[]]$Bios = @([pscustomobject]@{ SerialNumber = 'PF3ABCDE' }),
            [object]$DevDetail = [pscustomobject]@{ DeviceHardwareData = 'T0FHASH==' }
        )
        Mock Test-WindowsPlatform { $true }
        Mock Test-Administrator { $true }
        Mock Test-Path { $false } -ParameterFilter { $LiteralPath -like '*\Control\MiniNT' }
        # Mock bodies run inside the collection script's own script scope (it is started with &): the answers
        # travel in global variables, removed after each test.
        $global:HarvesterMockBios = $Bios
        $global:HarvesterMockSystem = [pscustomobject]@{ Manufacturer = $Manufacturer; Model = $Model }
        $global:HarvesterMockDevDetail = $DevDetail
        Mock Get-CimInstance { $global:HarvesterMockBios } -ParameterFilter { $ClassName -eq 'Win32_BIOS' }
        Mock Get-CimInstance { $global:HarvesterMockSystem } -ParameterFilter { $ClassName -eq 'Win32_ComputerSystem' }
        Mock Get-CimInstance { $global:HarvesterMockDevDetail } -ParameterFilter { $ClassName -eq 'MDM_DevDetail_Ext01' }
    }

    function script:Set-HashFailure([int]$Code, [string]$ErrorId, [string]$Message) {
        $global:HarvesterMockHashFailure = New-CimFailure $Code $ErrorId $Message
        Mock Get-CimInstance { Write-Error -ErrorRecord $global:HarvesterMockHashFailure } -ParameterFilter {
            $ClassName -eq 'MDM_DevDetail_Ext01'
        }
    }

    # Runs the script as the app's wrapper does (its pipeline output is the answer) and checks the answer's
    # shape: exactly one line, pure ASCII, JSON.
    function script:Invoke-Collection {
        $lines = @(& $script:CollectScript)
        $lines.Count | Should -Be 1 -Because 'the script answers with exactly one line'
        $line = [string]$lines[0]
        $line | Should -Not -Match '[^\x00-\x7F]' -Because 'the answer must survive any console code page'
        $script:LastLine = $line
        return ($line | ConvertFrom-Json)
    }
}

Describe 'collect-hash.ps1' {
    AfterEach {
        Remove-Variable -Scope Global -Name 'HarvesterMock*' -ErrorAction SilentlyContinue
    }

    Context 'as a script file' {
        It 'parses without errors' {
            $tokens = $null
            $errors = $null
            [System.Management.Automation.Language.Parser]::ParseFile($script:CollectScript, [ref]$tokens, [ref]$errors) | Out-Null
            $errors.Count | Should -Be 0
        }

        It 'uses no syntax that Windows PowerShell 5.1 lacks (&&, ||, ??, ?., ternary)' {
            $tokens = $null
            $errors = $null
            [System.Management.Automation.Language.Parser]::ParseFile($script:CollectScript, [ref]$tokens, [ref]$errors) | Out-Null
            $newer = 'AndAnd', 'OrOr', 'QuestionQuestion', 'QuestionQuestionEquals', 'QuestionDot', 'QuestionLBracket', 'QuestionMark'
            @($tokens | Where-Object { $newer -contains [string]$_.Kind }).Count | Should -Be 0
        }
    }

    Context 'on a healthy, elevated device' {
        It 'answers every fact, schema 2, with the hash and nothing in the error fields' {
            Set-HealthyDevice
            $facts = Invoke-Collection
            $facts.schema | Should -Be 2
            $facts.languageMode | Should -Be 'FullLanguage'
            $facts.isWindows | Should -BeTrue
            $facts.isElevated | Should -BeTrue
            $facts.isWinPE | Should -BeFalse
            $facts.isVirtualMachine | Should -BeFalse
            $facts.serial | Should -Be 'PF3ABCDE'
            $facts.manufacturer | Should -Be 'LENOVO'
            $facts.model | Should -Be '20XW0026JP'
            $facts.hash | Should -Be 'T0FHASH=='
            $facts.hashError | Should -Be ''
            $facts.hashErrorCode | Should -Be 0
            $facts.hashErrorId | Should -Be ''
            $facts.scriptError | Should -Be ''
            $facts.psVersion | Should -Not -BeNullOrEmpty
            $facts.PSObject.Properties.Name | Should -Not -Contain 'productId'
        }

        It 'asks the MDM bridge with the DevDetail filter Get-WindowsAutoPilotInfo uses, giving up before the app does' {
            Set-HealthyDevice
            Invoke-Collection | Out-Null
            Should -Invoke Get-CimInstance -Times 1 -Exactly -ParameterFilter {
                $Namespace -eq 'root/cimv2/mdm/dmmap' -and $ClassName -eq 'MDM_DevDetail_Ext01' -and
                $Filter -eq "InstanceID='Ext' AND ParentID='./DevDetail'" -and
                $OperationTimeoutSec -gt 0 -and $OperationTimeoutSec -lt 120
            }
        }

        It 'takes the first of several BIOS objects' {
            Set-HealthyDevice -Bios @(
                [pscustomobject]@{ SerialNumber = 'FIRST123' },
                [pscustomobject]@{ SerialNumber = 'SECOND45' }
            )
            (Invoke-Collection).serial | Should -Be 'FIRST123'
        }

        It 'trims the spaces firmware pads values with' {
            Set-HealthyDevice -Manufacturer '  HP   ' -Model ' HP EliteBook 840 G8 Notebook PC ' -Bios @(
                [pscustomobject]@{ SerialNumber = ' 5CG1457YL8 ' }
            )
            $facts = Invoke-Collection
            $facts.serial | Should -Be '5CG1457YL8'
            $facts.manufacturer | Should -Be 'HP'
            $facts.model | Should -Be 'HP EliteBook 840 G8 Notebook PC'
        }

        It 'keeps a Japanese manufacturer and model as ASCII escapes that decode to the same text' {
            $maker = 'パナソニック コネクト株式会社'
            $model = 'レッツノート CF-FV4 (日本語キーボード)'
            Set-HealthyDevice -Manufacturer $maker -Model $model
            $facts = Invoke-Collection
            $script:LastLine | Should -Match ([regex]::Escape('\u30d1\u30ca\u30bd\u30cb\u30c3\u30af'))
            $facts.manufacturer | Should -BeExactly $maker
            $facts.model | Should -BeExactly $model
        }

        It 'records a failed BIOS query and still collects the rest' {
            Set-HealthyDevice
            $global:HarvesterMockBiosFailure = New-CimFailure 2 'HRESULT 0x80041003' 'Access denied '
            Mock Get-CimInstance { Write-Error -ErrorRecord $global:HarvesterMockBiosFailure } -ParameterFilter { $ClassName -eq 'Win32_BIOS' }
            $facts = Invoke-Collection
            $facts.serial | Should -Be ''
            $facts.biosError | Should -Match 'CimException: Access denied'
            $facts.hash | Should -Be 'T0FHASH=='
        }
    }

    Context 'on a virtual machine' {
        It 'says so and answers an empty hash when Hyper-V gives none' {
            Set-HealthyDevice -Manufacturer 'Microsoft Corporation' -Model 'Virtual Machine' -DevDetail $null
            $facts = Invoke-Collection
            $facts.isVirtualMachine | Should -BeTrue
            $facts.hash | Should -Be ''
            $facts.hashError | Should -Be ''
        }

        It 'recognises VMware by its manufacturer' {
            Set-HealthyDevice -Manufacturer 'VMware, Inc.' -Model 'VMware7,1' -DevDetail $null
            (Invoke-Collection).isVirtualMachine | Should -BeTrue
        }
    }

    Context 'when it cannot get the hash' {
        It 'does not query the hash without administrator rights and says not elevated' {
            Set-HealthyDevice
            Mock Test-Administrator { $false }
            $facts = Invoke-Collection
            $facts.isElevated | Should -BeFalse
            $facts.hash | Should -Be ''
            $facts.serial | Should -Be 'PF3ABCDE'
            Should -Invoke Get-CimInstance -Times 0 -Exactly -ParameterFilter { $ClassName -eq 'MDM_DevDetail_Ext01' }
        }

        It 'recognises Windows PE by its MiniNT key and does not query the hash there' {
            Set-HealthyDevice
            Mock Test-Path { $true } -ParameterFilter { $LiteralPath -eq 'HKLM:\SYSTEM\CurrentControlSet\Control\MiniNT' }
            $facts = Invoke-Collection
            $facts.isWinPE | Should -BeTrue
            Should -Invoke Get-CimInstance -Times 0 -Exactly -ParameterFilter { $ClassName -eq 'MDM_DevDetail_Ext01' }
        }

        It 'records the KB5013942 failure by NativeErrorCode 1 and its error id, though StatusCode is 0' {
            Set-HealthyDevice
            Set-HashFailure 1 'MI RESULT 1' 'A general error occurred that is not covered by a more specific error code.'
            $facts = Invoke-Collection
            $facts.hash | Should -Be ''
            $facts.hashErrorCode | Should -Be 1
            $facts.hashErrorId | Should -BeLike 'MI RESULT 1,Microsoft.Management.Infrastructure.CimCmdlets.GetCimInstanceCommand*'
            $facts.hashError | Should -BeLike '*CimException: A general error occurred that is not covered by a more specific error code.'
            $facts.scriptError | Should -Be ''
        }

        It 'records code <code> (<name>) with its error id' -ForEach @(
            @{ code = 2; name = 'access denied'; id = 'HRESULT 0x80041003' }
            @{ code = 3; name = 'invalid namespace, as on Windows Server'; id = 'HRESULT 0x8004100e' }
            @{ code = 5; name = 'invalid class'; id = 'HRESULT 0x80041010' }
        ) {
            Set-HealthyDevice
            Set-HashFailure $code $id 'localised text of Windows'
            $facts = Invoke-Collection
            $facts.hashErrorCode | Should -Be $code
            $facts.hashErrorId | Should -BeLike "$id,Microsoft.Management.Infrastructure.CimCmdlets.GetCimInstanceCommand*"
            $facts.hash | Should -Be ''
        }

        It 'reads the code from StatusCode when a provider error instance left NativeErrorCode at 0' {
            Set-HealthyDevice
            $global:HarvesterMockHashFailure = New-CimInstanceFailure 3 'HRESULT 0x8004100e' 'Invalid namespace '
            Mock Get-CimInstance { Write-Error -ErrorRecord $global:HarvesterMockHashFailure } -ParameterFilter {
                $ClassName -eq 'MDM_DevDetail_Ext01'
            }
            $facts = Invoke-Collection
            $facts.hashErrorCode | Should -Be 3
            $facts.hashErrorId | Should -BeLike 'HRESULT 0x8004100e,*'
        }

        It 'records an unexpected failure as a script error and still answers one line' {
            Set-HealthyDevice
            Mock Test-Administrator { throw [System.UnauthorizedAccessException]::new('token query refused') }
            $facts = Invoke-Collection
            $facts.scriptError | Should -Be 'System.UnauthorizedAccessException: token query refused'
        }

        It 'answers not Windows off Windows without asking WMI' {
            Mock Test-WindowsPlatform { $false }
            Mock Get-CimInstance { throw 'must not be called' }
            $facts = Invoke-Collection
            $facts.isWindows | Should -BeFalse
            Should -Invoke Get-CimInstance -Times 0 -Exactly
        }
    }

    Context 'in Constrained Language Mode (WDAC or AppLocker)' {
        It 'says which language mode it runs in, in one ASCII line, without failing' {
            # A fresh pwsh whose session is put into ConstrainedLanguage first, as a WDAC policy would; the
            # script then runs as an untrusted script does under such a policy.
            $env:HARVESTER_TEST_SCRIPT = $script:CollectScript
            try {
                $lines = @(& $script:Pwsh -NoLogo -NoProfile -NonInteractive -Command '$ExecutionContext.SessionState.LanguageMode = ''ConstrainedLanguage''; & $env:HARVESTER_TEST_SCRIPT' 2>&1)
            } finally {
                Remove-Item Env:HARVESTER_TEST_SCRIPT
            }
            $lines.Count | Should -Be 1 -Because ($lines -join "`n")
            $line = [string]$lines[0]
            $line | Should -Not -Match '[^\x00-\x7F]'
            $facts = $line | ConvertFrom-Json
            $facts.schema | Should -Be 2
            $facts.languageMode | Should -Be 'ConstrainedLanguage'
            $facts.scriptError | Should -Be ''
            $facts.hash | Should -Be ''
        }
    }
}
