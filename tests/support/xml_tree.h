// A strict little XML reader for the picture tests: parses a whole document into a tree and throws
// std::runtime_error (with the byte offset) on anything not well-formed: unclosed or mismatched tags,
// unquoted or repeated attributes, a bare '&' or '<', unknown entities, text outside the root element.
// Enough for the SVG we write (no DTD, no CDATA, no namespaces beyond plain attribute names).
#pragma once

#include <cctype>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace melodyvae::xml_testing {

struct Element {
  std::string name;
  std::map<std::string, std::string> attributes;  // values with entities decoded
  std::vector<std::unique_ptr<Element>> children;
  std::string text;  // all character data directly inside, entities decoded

  std::string attribute(const std::string& key) const {
    const auto it = attributes.find(key);
    return it == attributes.end() ? std::string() : it->second;
  }
  bool hasClass(const std::string& cls) const { return attribute("class") == cls; }
  // Every element below this one (depth first, document order) for which `keep` is true.
  void collect(const std::function<bool(const Element&)>& keep, std::vector<const Element*>& out) const {
    for (const auto& child : children) {
      if (keep(*child)) out.push_back(child.get());
      child->collect(keep, out);
    }
  }
  std::vector<const Element*> all(const std::string& tagName, const std::string& cls = "") const {
    std::vector<const Element*> out;
    collect([&](const Element& e) { return e.name == tagName && (cls.empty() || e.hasClass(cls)); }, out);
    return out;
  }
};

class Parser {
 public:
  explicit Parser(const std::string& text) : s_(text) {}

  std::unique_ptr<Element> document() {
    skipSpace();
    if (s_.compare(i_, 5, "<?xml") == 0) {
      const std::size_t end = s_.find("?>", i_);
      if (end == std::string::npos) fail("unterminated XML declaration");
      i_ = end + 2;
    }
    skipMisc();
    auto root = element();
    skipMisc();
    if (i_ != s_.size()) fail("content after the root element");
    return root;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error("XML not well-formed at byte " + std::to_string(i_) + ": " + what);
  }
  static bool isNameChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == ':' || c == '.';
  }
  void skipSpace() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\t' || s_[i_] == '\r')) ++i_;
  }
  void skipMisc() {
    for (;;) {
      skipSpace();
      if (s_.compare(i_, 4, "<!--") != 0) return;
      const std::size_t end = s_.find("-->", i_);
      if (end == std::string::npos) fail("unterminated comment");
      i_ = end + 3;
    }
  }
  std::string name() {
    const std::size_t start = i_;
    while (i_ < s_.size() && isNameChar(s_[i_])) ++i_;
    if (i_ == start) fail("expected a name");
    return s_.substr(start, i_ - start);
  }
  std::string decode(const std::string& raw) const {
    std::string out;
    for (std::size_t k = 0; k < raw.size(); ++k) {
      if (raw[k] == '<') fail("'<' in text or attribute value");
      if (raw[k] != '&') {
        out += raw[k];
        continue;
      }
      const std::size_t end = raw.find(';', k);
      if (end == std::string::npos) fail("'&' without ';'");
      const std::string entity = raw.substr(k + 1, end - k - 1);
      static const std::map<std::string, char> kNamed = {
          {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}};
      if (kNamed.count(entity) != 0) {
        out += kNamed.at(entity);
      } else if (entity.size() > 1 && entity[0] == '#') {
        out += '?';  // a character reference; its value does not matter to the tests
      } else {
        fail("unknown entity &" + entity + ";");
      }
      k = end;
    }
    return out;
  }
  std::unique_ptr<Element> element() {
    if (i_ >= s_.size() || s_[i_] != '<') fail("expected '<'");
    ++i_;
    auto e = std::make_unique<Element>();
    e->name = name();
    for (;;) {
      const std::size_t before = i_;
      skipSpace();
      if (i_ >= s_.size()) fail("unterminated start tag");
      if (s_.compare(i_, 2, "/>") == 0) {
        i_ += 2;
        return e;
      }
      if (s_[i_] == '>') {
        ++i_;
        break;
      }
      if (i_ == before) fail("expected space before an attribute");
      const std::string key = name();
      if (i_ >= s_.size() || s_[i_] != '=') fail("expected '=' after attribute " + key);
      ++i_;
      if (i_ >= s_.size() || (s_[i_] != '"' && s_[i_] != '\'')) fail("attribute " + key + " is not quoted");
      const char quote = s_[i_++];
      const std::size_t end = s_.find(quote, i_);
      if (end == std::string::npos) fail("unterminated attribute " + key);
      if (e->attributes.count(key) != 0) fail("attribute " + key + " repeated");
      e->attributes[key] = decode(s_.substr(i_, end - i_));
      i_ = end + 1;
    }
    for (;;) {
      const std::size_t lt = s_.find('<', i_);
      if (lt == std::string::npos) fail("element <" + e->name + "> is not closed");
      e->text += decode(s_.substr(i_, lt - i_));
      i_ = lt;
      if (s_.compare(i_, 4, "<!--") == 0) {
        skipMisc();
      } else if (s_.compare(i_, 2, "</") == 0) {
        i_ += 2;
        const std::string closing = name();
        if (closing != e->name) fail("</" + closing + "> closes <" + e->name + ">");
        skipSpace();
        if (i_ >= s_.size() || s_[i_] != '>') fail("expected '>'");
        ++i_;
        return e;
      } else {
        e->children.push_back(element());
      }
    }
  }

  const std::string& s_;
  std::size_t i_ = 0;
};

inline std::unique_ptr<Element> parseXml(const std::string& text) {
  return Parser(text).document();
}

}  // namespace melodyvae::xml_testing
