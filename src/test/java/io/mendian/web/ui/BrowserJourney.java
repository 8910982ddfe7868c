package io.mendian.web.ui;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import io.mendian.testsupport.Browser;

/** One Chromium per journey class, launched (or the class skipped, loudly) before its tests and closed after. */
abstract class BrowserJourney {

    protected static Browser browser;

    @BeforeAll
    static void launchBrowser() {
        browser = Browser.launch();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }
}
