using FsCheck.Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace AgentRec.UnitTests.Retrieval.Stores;

/// <summary>
/// Marks a test class that talks to a live service named by an environment variable: while the variable is unset its
/// <see cref="ContractFactAttribute"/> and <see cref="ContractPropertyAttribute"/> tests are reported as skipped, with
/// <paramref name="reason"/>, instead of run.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresEnvironmentAttribute(string variable, string reason) : Attribute
{
    public string Variable { get; } = variable;

    public string Reason { get; } = reason;

    /// <summary>The skip reason for <paramref name="testClass"/> in this environment, or null when it runs.</summary>
    public static string? SkipReason(ITypeInfo testClass)
    {
        var attribute = testClass.GetCustomAttributes(typeof(RequiresEnvironmentAttribute)).FirstOrDefault();
        if (attribute is null)
        {
            return null;
        }

        var variable = attribute.GetConstructorArguments().ElementAt(0) as string ?? string.Empty;
        var reason = attribute.GetConstructorArguments().ElementAt(1) as string ?? string.Empty;
        return string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(variable)) ? $"{variable} is not set: {reason}" : null;
    }
}

/// <summary>A <see cref="FactAttribute"/> for contract tests declared once and run per subject class; see <see cref="RequiresEnvironmentAttribute"/>.</summary>
[XunitTestCaseDiscoverer("AgentRec.UnitTests.Retrieval.Stores.ContractFactDiscoverer", "AgentRec.UnitTests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ContractFactAttribute : FactAttribute;

/// <summary>A <see cref="PropertyAttribute"/> for contract properties declared once and run per subject class; see <see cref="RequiresEnvironmentAttribute"/>.</summary>
[XunitTestCaseDiscoverer("AgentRec.UnitTests.Retrieval.Stores.ContractPropertyDiscoverer", "AgentRec.UnitTests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ContractPropertyAttribute : PropertyAttribute;

/// <summary>Discovers <see cref="ContractFactAttribute"/> tests as plain facts, or as skipped ones when their class's service is absent.</summary>
public sealed class ContractFactDiscoverer(IMessageSink sink) : IXunitTestCaseDiscoverer
{
    private readonly FactDiscoverer _facts = new(sink);

    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        RequiresEnvironmentAttribute.SkipReason(testMethod.TestClass.Class) is { } reason
            ? [new SkippedTestCase(sink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason)]
            : _facts.Discover(discoveryOptions, testMethod, factAttribute);
}

/// <summary>Discovers <see cref="ContractPropertyAttribute"/> tests as FsCheck properties, or as skipped ones when their class's service is absent.</summary>
public sealed class ContractPropertyDiscoverer(IMessageSink sink) : IXunitTestCaseDiscoverer
{
    private readonly PropertyDiscoverer _properties = new(sink);

    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        RequiresEnvironmentAttribute.SkipReason(testMethod.TestClass.Class) is { } reason
            ? [new SkippedTestCase(sink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason)]
            : ((IXunitTestCaseDiscoverer)_properties).Discover(discoveryOptions, testMethod, factAttribute);
}

/// <summary>A test case reported as skipped with a reason decided at discovery.</summary>
public sealed class SkippedTestCase : XunitTestCase
{
    private string _reason = string.Empty;

    [Obsolete("For deserialization only.")]
    public SkippedTestCase()
    {
    }

    public SkippedTestCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions displayOptions, ITestMethod testMethod, string reason)
        : base(sink, display, displayOptions, testMethod) => _reason = reason;

    public override void Serialize(IXunitSerializationInfo data)
    {
        base.Serialize(data);
        data.AddValue("SkipReasonText", _reason);
    }

    public override void Deserialize(IXunitSerializationInfo data)
    {
        _reason = data.GetValue<string>("SkipReasonText");
        base.Deserialize(data);
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute) => _reason;
}
