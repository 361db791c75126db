;;; sourcecheck.el --- Check the figures in notes against source articles -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "27.1") (eglot "1.9"))
;; Keywords: languages, tools
;; SPDX-License-Identifier: MIT OR Apache-2.0

;;; Commentary:

;; Registers the `sourcecheck lsp' language server with Eglot for Markdown
;; and plain-text buffers.  Every figure in a note ("fewer than 1,000
;; fighters") gets a Flymake diagnostic (contradicted / unsourced /
;; supported / citation problems); `eldoc' / hover shows the verdict and the
;; quoted source passage, and `xref-find-definitions' (M-.) jumps to it.
;;
;;   (require 'sourcecheck)
;;   (sourcecheck-setup)                  ; registers the server with Eglot
;;   (add-hook 'markdown-mode-hook #'eglot-ensure)
;;   (add-hook 'text-mode-hook #'eglot-ensure)
;;
;; The project root is the version-control root, or else the nearest folder
;; holding sourcecheck.toml, seeds/ or sources/.  Unless `sourcecheck-sources'
;; is set, the server reads the articles in seeds/ and sources/ under it.

;;; Code:

(require 'eglot)
(require 'project)
(require 'cl-lib)

(defgroup sourcecheck nil
  "Check the figures in notes against source articles."
  :group 'tools
  :prefix "sourcecheck-")

(defcustom sourcecheck-program "sourcecheck"
  "The sourcecheck binary; the server is started as PROGRAM lsp."
  :type 'string)

(defcustom sourcecheck-sources nil
  "Folders or files holding the source articles.
Absolute or relative to the project root.  nil: seeds/ and sources/."
  :type '(repeat string))

(defcustom sourcecheck-severity nil
  "Alist of diagnostic severities, e.g. ((supported . \"off\")).
Keys: contradicted, unsourced, supported, citation.  Values: \"error\",
\"warning\", \"information\", \"hint\" or \"off\".  nil: server defaults."
  :type '(alist :key-type (choice (const contradicted) (const unsourced)
                                  (const supported) (const citation))
                :value-type (choice (const "error") (const "warning")
                                    (const "information") (const "hint")
                                    (const "off"))))

(defcustom sourcecheck-inlay-hints nil
  "Non-nil asks the server for inlay hints."
  :type 'boolean)

(defcustom sourcecheck-modes '((markdown-mode :language-id "markdown")
                               (gfm-mode :language-id "markdown")
                               (text-mode :language-id "plaintext"))
  "Major modes (Eglot syntax) that the server checks."
  :type 'sexp)

(defcustom sourcecheck-root-markers '("sourcecheck.toml" "seeds" "sources")
  "Files or folders that mark a sourcecheck workspace root."
  :type '(repeat string))

(defun sourcecheck-initialization-options ()
  "The server's initializationOptions from the customizations."
  (append
   (when sourcecheck-sources
     (list :sources (vconcat (mapcar #'sourcecheck--expand sourcecheck-sources))))
   (when sourcecheck-severity
     (list :severity
           (cl-loop for (k . v) in sourcecheck-severity
                    append (list (intern (format ":%s" k)) v))))
   (list :inlayHints (if sourcecheck-inlay-hints t :json-false))))

(defun sourcecheck--expand (f)
  "Expand F only when it starts with ~."
  (if (string-prefix-p "~" f) (expand-file-name f) f))

(defun sourcecheck--contact (&optional _interactive)
  "Eglot contact for the sourcecheck server."
  (list sourcecheck-program "lsp"
        :initializationOptions (sourcecheck-initialization-options)))

(defun sourcecheck--project-find (dir)
  "A transient project at the sourcecheck root above DIR, for Eglot."
  (when (and (bound-and-true-p eglot-lsp-context)
             (apply #'derived-mode-p (mapcar (lambda (m) (if (consp m) (car m) m))
                                             sourcecheck-modes)))
    (let ((root (cl-some (lambda (marker) (locate-dominating-file dir marker))
                         sourcecheck-root-markers)))
      (when root
        (cons 'transient (file-name-as-directory (expand-file-name root)))))))

(defun sourcecheck-notify-config ()
  "Send the current customizations to running sourcecheck servers."
  (interactive)
  (dolist (server (cl-loop for servers being the hash-values of eglot--servers-by-project
                           append servers))
    (when (equal (car (process-command (jsonrpc--process server)))
                 sourcecheck-program)
      (jsonrpc-notify server :workspace/didChangeConfiguration
                      (list :settings
                            (list :sourcecheck (sourcecheck-initialization-options)))))))

;;;###autoload
(defun sourcecheck-setup ()
  "Register the sourcecheck server with Eglot for `sourcecheck-modes'."
  (interactive)
  (setq eglot-server-programs
        (cons (cons sourcecheck-modes #'sourcecheck--contact)
              (cl-remove-if (lambda (entry) (eq (cdr entry) #'sourcecheck--contact))
                            eglot-server-programs)))
  ;; After the VC backends: a Git root still wins.
  (add-hook 'project-find-functions #'sourcecheck--project-find 90))

(provide 'sourcecheck)
;;; sourcecheck.el ends here
