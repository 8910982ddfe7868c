package io.mendian.wechat;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/** WeChat's flat {@code <xml><Key>value</Key>...</xml>} messages. Parsing refuses DTDs, so no XXE. */
public final class WxXml {

    private WxXml() {}

    public static Map<String, String> parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            Element root = factory.newDocumentBuilder()
                    .parse(new InputSource(new StringReader(xml)))
                    .getDocumentElement();
            Map<String, String> fields = new LinkedHashMap<>();
            for (Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child.getNodeType() == Node.ELEMENT_NODE) {
                    fields.put(child.getNodeName(), child.getTextContent());
                }
            }
            return fields;
        } catch (Exception e) {
            throw new IllegalArgumentException("not a WeChat XML message");
        }
    }

    public static String write(Map<String, ?> fields) {
        StringBuilder xml = new StringBuilder("<xml>");
        fields.forEach((k, v) -> {
            String text = String.valueOf(v);
            xml.append('<').append(k).append('>');
            if (v instanceof Number) {
                xml.append(text);
            } else {
                xml.append("<![CDATA[")
                        .append(text.replace("]]>", "]]]]><![CDATA[>"))
                        .append("]]>");
            }
            xml.append("</").append(k).append('>');
        });
        return xml.append("</xml>").toString();
    }
}
