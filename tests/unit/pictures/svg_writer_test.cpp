// The SVG writer: escaping of any text into well-formed XML, short numbers, balanced elements.
#include "core/pictures/svg_writer.h"

#include <gtest/gtest.h>

#include "tests/support/xml_tree.h"

namespace melodyvae::pictures {
namespace {

TEST(EscapeXml, ReplacesTheFiveSpecialCharacters) {
  EXPECT_EQ(escapeXml("a & b < c > d \" e ' f"), "a &amp; b &lt; c &gt; d &quot; e &apos; f");
}

TEST(EscapeXml, KeepsValidUtf8AndReplacesWhatXmlForbids) {
  EXPECT_EQ(escapeXml("C\xE2\x99\xAF mol\xC3\xA9"), "C\xE2\x99\xAF mol\xC3\xA9");  // C♯ molé
  EXPECT_EQ(escapeXml("tab\tnew\nline"), "tab\tnew\nline");
  const std::string replacement = "\xEF\xBF\xBD";
  EXPECT_EQ(escapeXml(std::string("a\x01"
                                  "b")),
            "a" + replacement + "b");                                             // control character
  EXPECT_EQ(escapeXml("\xFF"), replacement);                                      // not UTF-8
  EXPECT_EQ(escapeXml("\xC3"), replacement);                                      // truncated sequence
  EXPECT_EQ(escapeXml("\xC0\xAF"), replacement + replacement);                    // overlong '/'
  EXPECT_EQ(escapeXml("\xED\xA0\x80"), replacement + replacement + replacement);  // a surrogate
}

TEST(SvgNumber, IsShortAndFinite) {
  EXPECT_EQ(svgNumber(12.0), "12");
  EXPECT_EQ(svgNumber(0.5), "0.5");
  EXPECT_EQ(svgNumber(-3.256), "-3.26");
  EXPECT_EQ(svgNumber(-0.001), "0");
  EXPECT_EQ(svgNumber(1.0 / 0.0), "0");
  EXPECT_EQ(svgNumber(0.12345, 3), "0.123");
}

TEST(SvgWriter, WritesAWellFormedDocumentWhateverTheText) {
  SvgWriter svg(100, 50);
  svg.open("g", {{"class", "a\"b"}, {"data-name", "<&>"}});
  svg.element("rect", {{"x", 1.5}, {"y", 2}, {"width", 10}, {"height", 4}});
  svg.text("text", {{"x", 0}}, "loss & <gain> \xFF");
  // Left open on purpose: finish() closes it.
  const std::string document = svg.finish();
  const auto root = xml_testing::parseXml(document);
  EXPECT_EQ(root->name, "svg");
  EXPECT_EQ(root->attribute("width"), "100");
  EXPECT_EQ(root->attribute("viewBox"), "0 0 100 50");
  const auto groups = root->all("g");
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0]->attribute("class"), "a\"b");
  EXPECT_EQ(groups[0]->attribute("data-name"), "<&>");
  const auto texts = root->all("text");
  ASSERT_EQ(texts.size(), 1u);
  EXPECT_EQ(texts[0]->text, "loss & <gain> \xEF\xBF\xBD");
  EXPECT_EQ(root->all("rect").size(), 2u);  // the white background and ours
}

TEST(XmlTree, RefusesWhatIsNotWellFormed) {
  // The checker itself must be able to fail, or the picture tests prove nothing.
  for (const char* broken : {"<svg><g></svg>", "<svg a=1/>", "<svg>a & b</svg>", "<svg a=\"1\" a=\"2\"/>",
                             "<svg/><svg/>", "<svg>", "<svg>&nbsp;</svg>"}) {
    EXPECT_THROW(xml_testing::parseXml(broken), std::runtime_error) << broken;
  }
  EXPECT_NO_THROW(xml_testing::parseXml("<?xml version=\"1.0\"?>\n<svg a='1'><g/><!-- c --></svg>\n"));
}

}  // namespace
}  // namespace melodyvae::pictures
