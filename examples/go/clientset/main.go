// The seed's ClientSet program: list the pods of a namespace through kubernetes.NewForConfig.
// Usage: clientset KUBECONFIG [NAMESPACE]
package main

import (
	"context"
	"fmt"
	"os"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"
)

func main() {
	config, err := clientcmd.BuildConfigFromFlags("", os.Args[1])
	if err != nil {
		panic(err)
	}
	namespace := "default"
	if len(os.Args) > 2 {
		namespace = os.Args[2]
	}

	clientSet, err := kubernetes.NewForConfig(config)
	if err != nil {
		panic(err)
	}

	pods, err := clientSet.CoreV1().Pods(namespace).List(context.TODO(), metav1.ListOptions{})
	if err != nil {
		panic(err)
	}

	for _, item := range pods.Items {
		fmt.Println(item.Namespace, "==", item.Name)
	}
}
