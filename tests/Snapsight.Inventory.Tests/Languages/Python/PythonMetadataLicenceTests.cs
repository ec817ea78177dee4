using System.Text;
using Snapsight.Inventory.Languages.Python;

namespace Snapsight.Inventory.Tests.Languages.Python;

/// <summary>
/// Which field names the licence, following the core metadata specification
/// (packaging.python.org, "Core metadata specifications"): License-Expression (2.4) is the
/// licence; License is free text that may be a whole licence; "License ::" classifiers name one.
/// </summary>
public sealed class PythonMetadataLicenceTests
{
    [Theory]
    [InlineData("License-Expression: MIT OR Apache-2.0\nLicense: BSD\n", "MIT OR Apache-2.0")]
    [InlineData("License: BSD-3-Clause\nClassifier: License :: OSI Approved :: MIT License\n", "BSD-3-Clause")]
    [InlineData("License: UNKNOWN\nClassifier: License :: OSI Approved :: MIT License\n", "MIT License")]
    [InlineData("Classifier: Programming Language :: Python\nClassifier: License :: OSI Approved :: Apache Software License\n", "Apache Software License")]
    [InlineData("Classifier: License :: OSI Approved\nClassifier: License :: Public Domain\n", "Public Domain")]
    [InlineData("Classifier: License :: OSI Approved :: MIT License\nClassifier: License :: OSI Approved :: BSD License\n", "MIT License, BSD License")]
    [InlineData("License: Copyright (c) 2020 Someone\n        \n        Permission is hereby granted\nClassifier: License :: OSI Approved :: MIT License\n", "MIT License")]
    [InlineData("License: Copyright (c) 2020 Someone\n        \n        Permission is hereby granted\n", "Copyright (c) 2020 Someone")]
    [InlineData("License: UNKNOWN\n", null)]
    [InlineData("Summary: no licence at all\n", null)]
    public void The_licence_comes_from_the_most_precise_field(string fields, string? expected)
    {
        var metadata = PythonMetadataParser.Parse(Encoding.UTF8.GetBytes("Metadata-Version: 2.1\nName: a\nVersion: 1\n" + fields + "\nbody\n"), headIsWholeFile: true);

        Assert.Equal(expected, metadata.Licence);
    }

    [Fact]
    public void A_licence_in_the_body_is_not_read() =>
        Assert.Null(PythonMetadataParser.Parse("Name: a\nVersion: 1\n\nLicense: MIT\n"u8, headIsWholeFile: true).Licence);
}
