package io.mendian.web.ui;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

import io.mendian.testsupport.Browser;

/** One Chromium per journey class, launched (or the class skipped, loudly) before its tests and closed after. */
abstract class BrowserJourney {

    protected static Browser browser;

    /** A failed journey leaves its pages' screenshots and text behind: a timeout alone does not say what was shown. */
    @RegisterExtension
    static final TestWatcher EXPLAIN = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (browser != null) {
                browser.explainFailure(context.getRequiredTestMethod().getName());
            }
        }
    };

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
