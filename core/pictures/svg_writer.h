// A small SVG writer: elements with attributes and text, every attribute value and text properly
// XML-escaped, numbers written short and locale-independent. Builds the document as a string.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace melodyvae::pictures {

// `text` with & < > " ' replaced by entities, and bytes that XML 1.0 forbids (control characters other
// than tab, newline and return) and invalid UTF-8 replaced by U+FFFD, so any string (a file name, say)
// gives well-formed XML.
std::string escapeXml(std::string_view text);

// A number as SVG wants it: at most `decimals` decimals, trailing zeros dropped ("12", "0.5", "-3.25");
// non-finite values become "0" so a broken figure never breaks the document.
std::string svgNumber(double value, int decimals = 2);

struct Attribute {
  std::string name;
  std::string value;
  Attribute(std::string attributeName, std::string attributeValue)
      : name(std::move(attributeName)), value(std::move(attributeValue)) {}
  Attribute(std::string attributeName, const char* attributeValue)
      : name(std::move(attributeName)), value(attributeValue) {}
  Attribute(std::string attributeName, double number)
      : name(std::move(attributeName)), value(svgNumber(number)) {}
  Attribute(std::string attributeName, int number)
      : name(std::move(attributeName)), value(std::to_string(number)) {}
};
using Attributes = std::vector<Attribute>;

class SvgWriter {
 public:
  // Opens <svg> of `width` x `height` user units (pixels), with a white background.
  SvgWriter(double width, double height);

  void open(std::string_view tag, const Attributes& attributes = {});  // <tag ...>
  void close();                                                        // </tag> of the last open()
  void element(std::string_view tag, const Attributes& attributes);    // <tag ... />
  void text(std::string_view tag, const Attributes& attributes,
            std::string_view content);  // <tag>content</tag>

  // Closes every open element and </svg>; the writer is spent afterwards.
  std::string finish();

 private:
  void startTag(std::string_view tag, const Attributes& attributes);

  std::string out_;
  std::vector<std::string> openTags_;
};

}  // namespace melodyvae::pictures
